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
  | 'internal'
  | 'bad_gateway';

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  /** A team server this app relays to gave no usable answer. */
  bad_gateway: 502,
};

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(STATUS, code);
}

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
