# A wrong HTTP client: no Connection: close, then a loop until b'', which
# waits for ever, since the server keeps the connection open.
import socket, sys

s = socket.create_connection(('127.0.0.1', int(sys.argv[-1])))
s.sendall(b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
answer = b''
while True:
    data = s.recv(4096)
    if not data:
        break
    answer += data
head, _, body = answer.partition(b'\r\n\r\n')
print(head.split(b' ')[1].decode())
print(body.decode())
