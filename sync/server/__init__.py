"""The chamber's central server: accounts, push/pull of device rows, attachments, questionnaires."""
