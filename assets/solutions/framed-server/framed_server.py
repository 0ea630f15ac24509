# The framed server: each client gets one object as a length-framed
# JSON body.
# Usage: python3 framed_server.py PORT
import json
import socket
import sys

HEADERSIZE = 10
port = int(sys.argv[-1])

obj = {"1": "Client", "2": "Server"}
body = json.dumps(obj, separators=(",", ":")).encode("utf-8")
# 10 bytes: the body's length in decimal, left-aligned, space-padded.
header = f"{len(body):<{HEADERSIZE}}".encode("ascii")

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(5)
while True:
    conn, addr = s.accept()
    with conn:
        conn.settimeout(5)
        try:
            conn.sendall(header + body)
        except OSError:
            pass
