"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Values come from the environment so that one file serves a laptop and a server.
PDF rendering happens once per publication inside the publishing request (after commit),
so workers need a generous timeout; downloads are streamed from storage.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Load Django once in the master and fork the workers from it: memory is shared, and a
# worker recycled after max_requests is back at once instead of importing everything
# again while its connections wait (which showed as seconds-long tail latency under load).
preload_app = True
# Recycle a worker after this many requests (0: never), against slow leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# An empty GUNICORN_ACCESSLOG turns the access log off (the benchmarks do).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
