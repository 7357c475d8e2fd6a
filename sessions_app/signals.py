from django.dispatch import Signal

# Sent by ``manage.py import_sessions`` inside its transaction, after its bulk
# inserts (which send no post_save), with ``user_ids``: the users whose
# sessions were added.
sessions_imported = Signal()
