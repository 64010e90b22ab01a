import twilio from 'twilio';

type RequestOptions<TData> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: TData };

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * The real Twilio SDK. With `apiBaseUrl` (the telephony simulator), every REST request the SDK
 * makes for api.twilio.com goes there instead; nothing else about the SDK changes.
 */
export function createTwilioClient(options: { accountSid: string; authToken: string; apiBaseUrl?: string }) {
  const { apiBaseUrl } = options;
  const httpClient = apiBaseUrl
    ? new (class extends twilio.RequestClient {
        override request<TData>(opts: RequestOptions<TData>) {
          return super.request<TData>({
            ...opts,
            uri: opts.uri.replace(TWILIO_API_ORIGIN, apiBaseUrl.replace(/\/$/, '')),
          });
        }
      })()
    : undefined;
  return twilio(options.accountSid, options.authToken, { httpClient, autoRetry: true, maxRetries: 3 });
}

export type TwilioClient = ReturnType<typeof createTwilioClient>;

/** A TwiML document built with the SDK's VoiceResponse. */
export function voiceTwiml(build: (response: InstanceType<typeof twilio.twiml.VoiceResponse>) => void): string {
  const response = new twilio.twiml.VoiceResponse();
  build(response);
  return response.toString();
}
