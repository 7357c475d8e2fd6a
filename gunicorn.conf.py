"""gunicorn settings: ``gunicorn meditation_tracker.wsgi`` reads this file.

Each value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# The usual rule of thumb for synchronous workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Filter-heavy URLs can be long; 8190 is gunicorn's largest finite limit.
limit_request_line = 8190
timeout = 30
graceful_timeout = 30
# Keep-alive a little longer than a typical load balancer's idle timeout.
keepalive = 5
# The application logs one line per request itself, with the user id.
accesslog = None
errorlog = "-"
