# The hello client: say 你好, print the answer.
# Usage: python3 hello.py PORT
import socket
import sys

port = int(sys.argv[-1])

# connect(): the system picks this side's port.
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(("127.0.0.1", port))

# send: text goes out as UTF-8 bytes.
s.sendall("你好".encode("utf-8"))

# recv(1024): the answer, at most 1024 bytes.
msg = s.recv(1024)
print(msg.decode("utf-8"))
s.close()
