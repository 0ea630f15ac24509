# A server for many clients at once: a thread per connection.
# Usage: python3 threads.py PORT
import socket
import sys
import threading

port = int(sys.argv[-1])


def serve(conn):
    # Answer one client's 你好 with 欢迎.
    with conn:
        conn.settimeout(30)  # a silent client is given up on
        try:
            conn.recv(1024)
            conn.sendall("欢迎".encode("utf-8"))
        except OSError:
            pass


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(5)
while True:
    conn, addr = s.accept()
    # Hand the connection to its own thread and go straight back to accept.
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
