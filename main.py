"""Entry point of ``flet build apk|ipa|linux|windows|macos``: the app on the device's data dir."""

from app import config
from app.main import serve

if __name__ == "__main__":
    serve(config.DEFAULT_DB_PATH, web=False, host="127.0.0.1", port=0)
