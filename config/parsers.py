"""The API's JSON parser: JSON that Python cannot read is a 400, however it fails.

DRF's JSONParser turns malformed JSON (a ValueError) into a ParseError, but a
document nested deeper than the interpreter's recursion limit (5,000 ``[``)
raises RecursionError, which escaped as a 500 on every JSON endpoint.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the document is nested too deeply.")) from None
