"""Load-test peer: GET /token?identity=NAME answers {identity, token}, a Voice access token,
written the way Twilio's Voice JavaScript SDK quickstart for Python writes it.

    TWILIO_ACCOUNT_SID=AC... TWILIO_API_KEY=SK... TWILIO_API_SECRET=... \
        gunicorn -w "$(nproc)" -b 127.0.0.1:PORT app:app

Served by gunicorn (its default sync workers, one per core), bound to 127.0.0.1 only.
"""

import os
import sys

from flask import Flask, jsonify, request
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

for _name in ("TWILIO_ACCOUNT_SID", "TWILIO_API_KEY", "TWILIO_API_SECRET"):
    if not os.environ.get(_name):
        sys.exit(f"{_name} is not set")

ACCOUNT_SID = os.environ["TWILIO_ACCOUNT_SID"]
API_KEY = os.environ["TWILIO_API_KEY"]
API_SECRET = os.environ["TWILIO_API_SECRET"]
TWIML_APP_SID = os.environ.get("TWIML_APP_SID") or "AP89a0180a1a4ddf1da954efca349b7a20"

app = Flask(__name__)


@app.route("/token", methods=["GET"])
def token():
    identity = request.args.get("identity", "")
    if not identity:
        return jsonify(error="identity is required"), 400
    access_token = AccessToken(ACCOUNT_SID, API_KEY, API_SECRET, identity=identity)
    voice_grant = VoiceGrant(
        outgoing_application_sid=TWIML_APP_SID,
        incoming_allow=True,
    )
    access_token.add_grant(voice_grant)
    return jsonify(identity=identity, token=access_token.to_jwt())


if __name__ == "__main__":
    # For a quick look without gunicorn: python app.py [PORT]
    port = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("PORT", "5000"))
    app.run(host="127.0.0.1", port=port)
