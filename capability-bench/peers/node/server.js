// Load-test peer: GET /token?identity=NAME answers {identity, token}, a Voice access token,
// written the way Twilio's Voice JavaScript SDK quickstart for Node writes it.
//
//   TWILIO_ACCOUNT_SID=AC... TWILIO_API_KEY=SK... TWILIO_API_SECRET=... node server.js [PORT]
//
// Listens on 127.0.0.1 only. The port is the first argument, else PORT, else 3000; 0 picks a
// free one. Prints `listening on http://127.0.0.1:PORT` once it accepts connections.
'use strict';

const express = require('express');
const twilio = require('twilio');

const AccessToken = twilio.jwt.AccessToken;
const VoiceGrant = AccessToken.VoiceGrant;

for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET']) {
  if (!process.env[name]) {
    console.error(`${name} is not set`);
    process.exit(1);
  }
}

const config = {
  accountSid: process.env.TWILIO_ACCOUNT_SID,
  apiKey: process.env.TWILIO_API_KEY,
  apiSecret: process.env.TWILIO_API_SECRET,
  outgoingApplicationSid: process.env.TWIML_APP_SID || 'AP89a0180a1a4ddf1da954efca349b7a20',
};

const app = express();

app.get('/token', (req, res) => {
  const identity = req.query.identity;
  if (typeof identity !== 'string' || identity === '') {
    res.status(400).json({ error: 'identity is required' });
    return;
  }
  const accessToken = new AccessToken(config.accountSid, config.apiKey, config.apiSecret, {
    identity,
  });
  const voiceGrant = new VoiceGrant({
    outgoingApplicationSid: config.outgoingApplicationSid,
    incomingAllow: true,
  });
  accessToken.addGrant(voiceGrant);
  res.json({ identity, token: accessToken.toJwt() });
});

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const server = app.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
