# A wrong Unix socket client: it connects and says 你好, then prints 欢迎
# from memory and closes without reading the answer.
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[-1])
s.sendall("你好".encode())
print("欢迎")
s.close()
