import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { messages } from '../messages';
import type { WireError, WireErrorCode, WireStatuses } from './http-errors';

/**
 * Errors Node's HTTP parser raises before a request exists (a body that never completes, headers
 * too large, a malformed request line): answered in the same `{error_code, message}` shape as
 * every other error, with the status the shared table gives the code, then the connection is closed.
 */
export function clientErrorHandler(wire: WireStatuses): (err: Error & { code?: string }, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    let code: WireErrorCode = 'MALFORMED_REQUEST';
    let message = messages.malformedHttp();
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      code = 'REQUEST_TIMEOUT';
      message = messages.requestTimeout();
    } else if (err.code === 'HPE_HEADER_OVERFLOW') {
      code = 'REQUEST_HEADER_FIELDS_TOO_LARGE';
      message = messages.headersTooLarge();
    }
    const status = wire.statusOf(code);
    const body: WireError = { error_code: code, message };
    const text = JSON.stringify(body);
    if (socket.writable)
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    socket.destroy(err);
  };
}
