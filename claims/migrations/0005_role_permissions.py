"""Give each role its Django permissions (so apps that must not import
claims.roles, like articles, can check `user.has_perm(...)`)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "reporter": ["articles.add_article", "claims.add_evidence", "claims.add_comment"],
    "editor": ["articles.add_article", "claims.add_evidence", "claims.add_comment",
               "claims.add_rating", "claims.change_rating", "claims.delete_rating"],
    "admin": ["articles.add_article", "articles.change_article", "articles.delete_article",
              "claims.add_evidence", "claims.add_comment",
              "claims.add_rating", "claims.change_rating", "claims.delete_rating"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_roles"), ("articles", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
