"""Who may re-extract any article: editors and admins get `articles.reextract_article`
(a reporter may re-extract only what she submitted; see Article.can_be_reextracted_by)."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

REEXTRACT_ANY_ROLES = ("editor", "admin")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this one exists now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="articles", codename="reextract_article")
    for role in REEXTRACT_ANY_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="articles", codename="reextract_article").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0005_role_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={"ordering": ["-created_at", "-id"], "permissions": [("reextract_article", "Can re-extract any article")]},
        ),
        migrations.RunPython(grant, revoke),
    ]
