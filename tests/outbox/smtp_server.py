"""A local mail server for tests: speaks just enough SMTP, or accepts and never answers."""

import socket
import threading


class LocalSMTPServer:
    """Serves SMTP on a free port in a thread; stores each message's raw data.

    While ``hang`` is set, a new connection is accepted and then left without a word (a mail
    server that stalls), until ``hang_for`` seconds have passed: a fail-safe, so that a client
    without a timeout fails the test instead of hanging it.
    """

    def __init__(self, *, hang_for: float = 30):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.hang = False
        self.hang_for = hang_for
        self.messages: list[bytes] = []
        self.hung_connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            target = self._stall if self.hang else self._serve
            threading.Thread(target=target, args=(conn,), daemon=True).start()

    def _stall(self, conn: socket.socket) -> None:
        self.hung_connections += 1
        self._stop.wait(self.hang_for)
        conn.close()

    def _serve(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as reader:

            def reply(line: str) -> None:
                conn.sendall(line.encode() + b"\r\n")

            reply("220 localhost test SMTP")
            for raw in reader:
                command = raw.decode(errors="replace").strip().upper()
                if command.startswith(("EHLO", "HELO")):
                    reply("250 localhost")
                elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                    reply("250 OK")
                elif command == "DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    data = b""
                    for line in reader:
                        if line in (b".\r\n", b".\n"):
                            break
                        data += line
                    self.messages.append(data)
                    reply("250 OK queued")
                elif command == "QUIT":
                    reply("221 Bye")
                    return
                else:
                    reply("502 Not implemented")
