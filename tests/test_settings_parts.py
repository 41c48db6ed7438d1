"""config/settings/ is split by concern and its __init__ imports each part's settings by name:
a setting added to a part but not to that list would silently not exist for Django."""

import importlib
import pkgutil

import config.settings as settings_package


def test_every_setting_of_every_part_reaches_django():
    from django.conf import settings

    missing = []
    for part in pkgutil.iter_modules(settings_package.__path__):
        module = importlib.import_module(f"config.settings.{part.name}")
        for name in vars(module):
            if name.isupper() and not hasattr(settings, name):
                missing.append(f"config/settings/{part.name}.py: {name}")
    assert missing == []
