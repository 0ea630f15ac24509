# A chat client that closes after exit instead of shutdown(SHUT_WR), as the
# tutorial's client must not: the server's last words are lost.
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[-1])), timeout=5)
got = b""
while len(got) < len("欢迎不错呦".encode()):
    got += s.recv(1024)
print(got.decode())
s.sendall("你好".encode())
s.sendall(b"exit")
s.close()
