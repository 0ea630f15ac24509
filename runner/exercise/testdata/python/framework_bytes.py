# A wrong timestamp server: the tutorial's formatting of the bytes
# themselves, which answers "... b'hello python'".
import socketserver, sys, time


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            data = self.request.recv(1024)
            if not data:
                break
            self.request.sendall(('%s %s' % (time.ctime(), data)).encode())


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(('127.0.0.1', int(sys.argv[-1])), Echo).serve_forever()
