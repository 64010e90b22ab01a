import type { WebSocket } from 'ws';

/** Supervisors' browsers listening in on one call: both sides' μ-law, until the stream ends. */
export class Listeners {
  readonly #sockets = new Set<WebSocket>();
  #closed = false;

  add(socket: WebSocket): void {
    if (this.#closed) {
      socket.close(1000, 'call stream ended');
      return;
    }
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
  }

  send(track: 'inbound' | 'outbound', payload: string): void {
    if (!this.#sockets.size) return;
    const message = JSON.stringify({ event: 'media', track, payload });
    for (const socket of this.#sockets) if (socket.readyState === socket.OPEN) socket.send(message);
  }

  closeAll(): void {
    this.#closed = true;
    for (const socket of this.#sockets) {
      socket.send(JSON.stringify({ event: 'stop' }));
      socket.close(1000, 'call stream ended');
    }
    this.#sockets.clear();
  }
}
