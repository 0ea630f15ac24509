# The chat client: say 你好 and exit, half-close, and print everything the
# server says until it closes, its last words included.
# Usage: python3 chat.py PORT
import socket
import sys
import threading

port = int(sys.argv[-1])

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(("127.0.0.1", port))


def receive():
    # The reader thread: print each message until recv returns b'' (the
    # server's FIN). It goes on after our shutdown: the server's half of
    # the connection is still open.
    while True:
        data = s.recv(1024)
        if not data:
            break
        print(data.decode("utf-8"), flush=True)


reader = threading.Thread(target=receive)
reader.start()

# The writer, in this thread: what the user would type.
for line in ["你好", "exit"]:
    s.sendall(line.encode("utf-8"))
    if line == "exit":
        # shutdown(SHUT_WR), not close(): we send no more, and the server's
        # next recv returns b''. We can still receive.
        s.shutdown(socket.SHUT_WR)

reader.join()
s.close()
