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
length = int(recv_exactly(s, HEADERSIZE).decode("ascii").strip())
if length > MAXBODY:
    raise ValueError("header claims too much")
# json, never pickle: loading a pickle from the network can run code.
obj = json.loads(recv_exactly(s, length).decode("utf-8"))
print(obj)
s.close()
