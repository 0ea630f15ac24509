# The Unix socket client: say 你好 over a Unix domain socket, print the answer.
# Usage: python3 unix_client.py PATH
import socket
import sys

path = sys.argv[-1]

# socket(AF_UNIX): a path is the address, no ip and no port.
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(path)

# send: text goes out as UTF-8 bytes.
s.sendall("你好".encode("utf-8"))

# recv(1024): the answer, at most 1024 bytes.
msg = s.recv(1024)
print(msg.decode("utf-8"))
s.close()
