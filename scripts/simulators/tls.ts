import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  certPath: string;
}

/**
 * A self-signed certificate for 127.0.0.1/localhost, made once with openssl and cached. The
 * Realtime simulator needs TLS because the OpenAI SDK only opens wss:// URLs; clients trust it by
 * pointing OPENAI_CA_FILE at `certPath`.
 */
export function simulatorTls(
  dir = join(process.env.CALLPLATFORM_CACHE_DIR ?? join(homedir(), '.cache/callplatform'), 'simulator-tls'),
): TlsFiles {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '3650',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-subj',
        '/CN=callplatform-simulator',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
  }
  return { cert: readFileSync(certPath), key: readFileSync(keyPath), certPath };
}
