# A wrong timestamp server: its handler answers one request and returns,
# so socketserver closes the connection before the second request.
import socketserver, sys, time


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(1024)
        self.request.sendall(('%s %s' % (time.ctime(), data.decode())).encode())


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(('127.0.0.1', int(sys.argv[-1])), Echo).serve_forever()
