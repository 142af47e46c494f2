"""What is measured, and with which credentials. Change the routes here."""

# Our server's token route, and its floor route: a fixed JSON body of the same size, no token.
OURS_PATH = "/token"
FLOOR_PATH = "/floor"
# The peers' token route.
PEER_PATH = "/token"
IDENTITY = "alice"
# Ours takes the caller from the header an authenticating proxy sets (TOKEN_SERVER_USER_HEADER),
# and its floor gets the same request; the peers take ?identity=, as Twilio's quickstarts do.
USER_HEADER = "X-Auth-Request-User"

# Demo credentials, the same for every server. Not real: no token minted here works at Twilio.
DEMO_ENV = {
    "TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef",
    "TWILIO_API_KEY": "SK0123456789abcdef0123456789abcdef",
    "TWILIO_API_SECRET": "demo-api-secret-for-load-tests-only",
    "TWILIO_AUTH_TOKEN": "demo-auth-token-for-load-tests-only",
}

ALL_SERVERS = ("ours", "floor", "node", "python")
