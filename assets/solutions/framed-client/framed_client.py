# The framed client: a 10-byte length header, then a JSON body.
# Usage: python3 framed_client.py PORT
import json
import socket
import sys

HEADERSIZE = 10
MAXBODY = 1 << 20  # refuse a header that claims more

port = int(sys.argv[-1])


def recv_exactly(s, n):
    # recv until exactly n bytes are in, asking only for what is missing.
    data = b""
    while len(data) < n:
        part = s.recv(n - len(data))
        if not part:
            raise ConnectionError("the connection ended early")
        data += part
    return data


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(("127.0.0.1", port))
header = recv_exactly(s, HEADERSIZE).decode("ascii")
text = header.rstrip(" ")
# Digits only: int() alone would take "-5", "+5" or " 5".
if not text.isdigit() or int(text) > MAXBODY:
    raise ValueError(f"bad header {header!r}")
length = int(text)
# json, never pickle: loading a pickle from the network can run code.
obj = json.loads(recv_exactly(s, length).decode("utf-8"))
print(obj)
s.close()
