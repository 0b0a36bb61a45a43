#!/bin/sh
# Image build check: render a throw-away configuration, start Asterisk, make sure
# the modules the dialer depends on are running, ARI answers, the dialplan and the
# PJSIP objects loaded; then stop Asterisk and remove everything generated.
# Any failure fails the image build.
set -eu

fail() { echo "build-check: FAILED: $*" >&2; tail -n 60 /tmp/asterisk-check.log 2>/dev/null >&2 || true; exit 1; }
cli() { asterisk -rx "$1" 2>&1; }

export ARI_USERNAME=buildcheck
export ARI_PASSWORD=build-check-only-0123456789
export SIP_AGENTS="8001:udp:build-check-8001-secret,8002:webrtc:build-check-8002-secret"
export CARRIER_HOST=127.0.0.1 CARRIER_PORT=5070 CARRIER_USERNAME=buildcheck CARRIER_PASSWORD=build-check-carrier
export CARRIER_REGISTER=no EXTERNAL_ADDRESS=203.0.113.10

/usr/local/bin/entrypoint.sh --render-only

# The ARI ACL must admit the container's own network, or the dialer is locked out
# while the health check (loopback) still passes.
grep -Ev 'permit = (127\.0\.0\.1/32|::1/128)' /etc/asterisk/generated/ari_user.conf | grep -q '^permit = ' \
  || fail "entrypoint found no container network for the ARI ACL (ip -o -4 addr show scope global)"
grep -q '^local_net = ' /etc/asterisk/generated/pjsip_nat.conf || fail "no local_net written"
grep -q ' => 203.0.113.10$' /etc/asterisk/generated/rtp_ice.conf || fail "no ICE host candidate written"

# Daemonised start; console output goes to a log we print on failure.
/usr/sbin/asterisk -U asterisk -G asterisk -n >/tmp/asterisk-check.log 2>&1 || fail "asterisk did not start"

i=0
until cli "core waitfullybooted" | grep -q "fully booted"; do
  # `require = ...` in modules.conf makes Asterisk exit when a module fails.
  pidof asterisk >/dev/null 2>&1 || fail "Asterisk exited during start-up (a required module failed to load?)"
  i=$((i + 1))
  [ "$i" -le 60 ] || fail "Asterisk did not finish booting within 60 s (a required module failed to load?)"
  sleep 1
done

for m in res_pjsip res_pjsip_session chan_pjsip res_pjsip_transport_websocket res_http_websocket \
         res_ari res_stasis app_stasis res_stasis_recording res_stasis_playback res_srtp \
         bridge_holding bridge_softmix res_musiconhold app_read; do
  cli "module show like $m" | grep -Eq "^$m\.so[[:space:]].*Running" || fail "module $m is not running"
  echo "build-check: $m running"
done

curl -fsS -o /dev/null -u "$ARI_USERNAME:$ARI_PASSWORD" http://127.0.0.1:8088/ari/asterisk/ping \
  || fail "ARI ping on 8088 failed"
curl -fsSk -o /dev/null -u "$ARI_USERNAME:$ARI_PASSWORD" https://127.0.0.1:8089/ari/asterisk/ping \
  || fail "TLS server on 8089 does not answer"

cli "dialplan show 1001@customers" | grep -q "SendDTMF" || fail "customers context missing"
cli "dialplan show *55@agent-phones" | grep -q "Stasis" || fail "agent login (*55) missing"
cli "dialplan show agents" | grep -q "MusicOnHold" || fail "agents context missing"
cli "dialplan show from-carrier" | grep -q "inbound-call" || fail "from-carrier context missing"
cli "pjsip show transports" | grep -q "transport-wss" || fail "wss transport missing"
for e in 8001 8002 carrier; do
  cli "pjsip show endpoint $e" | grep -Eq "Endpoint:[[:space:]]+$e" || fail "PJSIP endpoint $e did not load"
done
cli "pjsip show aor carrier" | grep -q "sip:127.0.0.1:5070" || fail "carrier AOR has no static contact"
cli "moh show classes" | grep -q "Class: default" || fail "music on hold class default missing"
[ -d /var/spool/asterisk/recording ] || fail "/var/spool/asterisk/recording missing"

cli "core stop now" >/dev/null || true
i=0
while pidof asterisk >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -le 30 ] || fail "Asterisk did not stop"; sleep 1
done

# Nothing from the check may end up in the image: no credentials, no private key.
rm -rf /etc/asterisk/generated/* /etc/asterisk/keys/* /tmp/asterisk-check.log \
       /var/lib/asterisk/astdb.sqlite3 /var/log/asterisk/* /var/spool/asterisk/recording/*
echo "build-check: OK"
