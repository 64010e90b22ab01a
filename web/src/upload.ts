import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { stringifyDocument } from '@urql/core';
import { GRAPHQL_URL, type RequestProblem } from './graphql.ts';
import { freshAccessToken } from './session.ts';

export interface UploadResponse<T> {
  data?: T | null;
  errors?: RequestProblem[];
}

/**
 * One GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec) carrying
 * `file` as the variable `$file`. Sent with XMLHttpRequest, as neither fetch nor urql report how
 * much of a request body has gone out: `onProgress` hears the share sent, from 0 to 1. Rejects only
 * when the server cannot be reached.
 */
export async function postGraphQLUpload<Data, Variables extends { file: File }>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'file'>,
  file: File,
  onProgress: (sent: number) => void,
): Promise<UploadResponse<Data>> {
  const form = new FormData();
  const query = stringifyDocument(document);
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', file, file.name);
  const token = await freshAccessToken();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', GRAPHQL_URL);
    request.setRequestHeader('accept', 'application/graphql-response+json, application/json');
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.upload.onload = () => onProgress(1);
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as UploadResponse<Data>);
      } catch {
        resolve({ errors: [{ message: `The server answered HTTP ${request.status}.` }] });
      }
    };
    request.onerror = () => reject(new Error('upload failed'));
    request.send(form);
  });
}
