import type { Socket } from 'node:net';
import { messages } from '../messages';
import { codeForStatus, type WireError } from './http-errors';

/**
 * Errors Node's HTTP parser raises before a request exists (a body that never completes, headers
 * too large, a malformed request line): answered in the same `{error_code, message}` shape as
 * every other error, then the connection is closed.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let message = messages.malformedHttp();
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    message = messages.requestTimeout();
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    message = messages.headersTooLarge();
  }
  const body: WireError = { error_code: status === 400 ? 'MALFORMED_REQUEST' : codeForStatus(status), message };
  const text = JSON.stringify(body);
  const reason = status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  if (socket.writable)
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  socket.destroy(err);
}
