"""Refuse an oversized request body before it is read (issue 17).

Django reads a request body lazily: a form, the CSRF check or an upload handler
reads it on first access, and an upload over FILE_UPLOAD_MAX_MEMORY_SIZE is spooled
to disk, but only once read. This middleware answers 413 on the declared
Content-Length alone, so a 1.43 GB upload costs nothing. It sits before the CSRF
middleware (which reads POST data). The proxy in front should refuse such bodies
first (nginx: `client_max_body_size`); this is the application's own guard.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB"


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.REQUEST_MAX_BYTES
        if declared > limit:
            message = _("The request is %(size)s; the limit is %(limit)s.") % {
                "size": _megabytes(declared),
                "limit": _megabytes(limit),
            }
            if request.path.startswith("/api/"):
                response = JsonResponse({"detail": message}, status=413)
            else:
                response = HttpResponse(
                    render_to_string("413.html", {"message": message}, request=None), status=413
                )
            return response
        return self.get_response(request)
