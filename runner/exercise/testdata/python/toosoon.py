# A client that retries, but gives up too soon: three tries 50 ms apart,
# over long before a server that takes its time is up.
import socket
import sys
import time

port = int(sys.argv[-1])
for attempt in range(3):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        break
    except ConnectionRefusedError:
        time.sleep(0.05)
else:
    sys.exit("gave up")
s.sendall("你好".encode())
print(s.recv(1024).decode())
s.close()
