/**
 * The one error type the API speaks. Transports turn it into `{error: {code, message}}` with
 * `httpStatus` (HTTP) or an error envelope (IPC). Messages are written for the user: no stack traces,
 * no secrets.
 */
export type ApiErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly httpStatus: number;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}
