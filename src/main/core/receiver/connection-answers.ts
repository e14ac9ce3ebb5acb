import type http from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Keeps each connection's answers in order when the parser fails part-way through it.
 *
 * Node parses a connection's bytes ahead of the answers: with a `Content-Length` shorter than the
 * body, pipelining, or bytes after an HTTP/1.0 request, a complete request is handed to us (and
 * stored) and then the parser fails on what follows, all before the capture is committed. Node
 * then emits `clientError` on the socket; writing the error there at once would put a 400 on the
 * wire before the stored request's own answer, and the provider would retry (a duplicate). So an
 * error waits behind the answers still owed for complete requests, and then closes the connection.
 */
export class ConnectionAnswers {
  /** Answers still owed on each connection. */
  private readonly owed = new WeakMap<Duplex, Set<http.ServerResponse>>();
  /** The error answer waiting on a connection (null once written). */
  private readonly failing = new WeakMap<Duplex, string | null>();

  /** Call when a request arrives, before anything asynchronous. */
  track(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    let owed = this.owed.get(socket);
    if (!owed) this.owed.set(socket, (owed = new Set()));
    owed.add(res);
    const settled = () => {
      owed.delete(res);
      this.flush(socket);
    };
    res.once('finish', settled);
    res.once('close', settled);
  }

  /**
   * An error answer for this connection: written now, or after every answer owed to a complete
   * request. Once a connection failed, later errors on it are ignored (an errored parser reports
   * the same error again for each chunk that still arrives).
   */
  fail(socket: Duplex, response: string): void {
    if (this.failing.has(socket)) return;
    this.failing.set(socket, response);
    this.flush(socket);
  }

  private flush(socket: Duplex): void {
    const response = this.failing.get(socket);
    if (response === undefined || response === null) return;
    // A request the parser failed inside of never completes, so it is never answered or stored.
    for (const res of this.owed.get(socket) ?? []) if (res.req.complete) return;
    this.failing.set(socket, null);
    if (socket.writable) socket.end(response);
    else if (!socket.writableEnded) socket.destroy();
  }
}
