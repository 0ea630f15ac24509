# An HTTP client by hand: a GET request over a plain socket, the answer
# read to the end, then the status code and the body printed.
# Usage: python3 http.py PORT
import socket
import sys

port = int(sys.argv[-1])

with socket.create_connection(('127.0.0.1', port), timeout=10) as s:
    # The request is text: lines ended by \r\n, then an empty line.
    s.sendall(b'GET / HTTP/1.1\r\n'
              b'Host: 127.0.0.1\r\n'
              b'Connection: close\r\n'
              b'\r\n')
    # Read until recv returns b'': one recv(4096) is only a piece.
    answer = b''
    while True:
        data = s.recv(4096)
        if not data:
            break
        answer += data

# The head ends at the first empty line.
head, _, body = answer.partition(b'\r\n\r\n')
status_line = head.split(b'\r\n')[0].decode('ascii')
code = status_line.split(' ')[1]
print(code)
print(body.decode('utf-8'), end='')
