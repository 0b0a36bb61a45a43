#!/bin/sh
# Asterisk container entrypoint.
#
# Turns the environment into /etc/asterisk/generated/*.conf (ARI user, NAT, ICE,
# agents, carrier, dialplan globals), installs or creates the TLS certificate for
# wss, prepares the spool/sound directories, then runs Asterisk in the foreground.
#
#   entrypoint.sh                 render, then exec asterisk -f
#   entrypoint.sh --render-only   render and exit (used by the image build check)
#   entrypoint.sh <cmd> [args]    render, then exec <cmd> (e.g. sh)
#
# Convention: environment variables are UPPER_CASE and every one read here is
# listed in .env.example; shell-local variables are lower_case.
#
# Installation layout (not for .env: the image sets none of them). The real-Asterisk
# test tier (test/asterisk/) runs this very script outside the image, so that what it
# tests is what users run; these place that Asterisk in a temp dir on free ports:
#   ASTERISK_ROOT         prefix of etc/, var/ (default: none, i.e. /)
#   ASTERISK_BIN          the asterisk binary (default /usr/sbin/asterisk)
#   ASTERISK_MODULES_DIR  loadable modules (default /usr/lib/asterisk/modules)
#   ASTERISK_USER         user to run as, when it exists (default asterisk)
#   BIND_ADDRESS          SIP and HTTP bind address (default 0.0.0.0)
#   SIP_PORT, ARI_HTTP_PORT, TLS_PORT, RTP_START, RTP_END   (5060, 8088, 8089, 10000, 10199)
set -eu

root="${ASTERISK_ROOT:-}"
asterisk_bin="${ASTERISK_BIN:-/usr/sbin/asterisk}"
modules_dir="${ASTERISK_MODULES_DIR:-/usr/lib/asterisk/modules}"
run_user="${ASTERISK_USER:-asterisk}"
bind_address="${BIND_ADDRESS:-0.0.0.0}"
sip_port="${SIP_PORT:-5060}"
ari_http_port="${ARI_HTTP_PORT:-8088}"
tls_port="${TLS_PORT:-8089}"
rtp_start="${RTP_START:-10000}"
rtp_end="${RTP_END:-10199}"

etc="$root/etc/asterisk"
gen="$etc/generated"
keys="$etc/keys"
spool="$root/var/spool/asterisk"
varlib="$root/var/lib/asterisk"

log() { echo "entrypoint: $*" >&2; }
die() { echo "entrypoint: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------
ari_username="${ARI_USERNAME:-dialer}"
ari_password="${ARI_PASSWORD:-}"
ari_app="${ARI_APP:-dialer}"
ari_permit="${ARI_PERMIT:-auto}"
inbound_policy="${INBOUND_POLICY:-reject}"
sip_agents="${SIP_AGENTS:-}"
webrtc_codecs="${WEBRTC_CODECS:-auto}"
external_address="${EXTERNAL_ADDRESS:-}"
external_media_address="${EXTERNAL_MEDIA_ADDRESS:-$external_address}"
local_net="${LOCAL_NET:-}"
ice_host_candidates="${ICE_HOST_CANDIDATES:-auto}"
carrier_host="${CARRIER_HOST:-}"
carrier_port="${CARRIER_PORT:-5060}"
carrier_transport="${CARRIER_TRANSPORT:-udp}"
carrier_username="${CARRIER_USERNAME:-}"
carrier_password="${CARRIER_PASSWORD:-}"
carrier_register="${CARRIER_REGISTER:-no}"
carrier_match="${CARRIER_MATCH:-}"
carrier_from_user="${CARRIER_FROM_USER:-}"
carrier_from_domain="${CARRIER_FROM_DOMAIN:-}"
tls_cert_file="${TLS_CERT_FILE:-}"
tls_key_file="${TLS_KEY_FILE:-}"
tls_cert_cn="${TLS_CERT_CN:-}"

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
is_placeholder() {
  case "$1" in change-me*|changeme*|CHANGE-ME*) return 0 ;; *) return 1 ;; esac
}

# A secret we control (ARI password, agent SIP passwords): long, and only
# characters that are safe in Asterisk config values, SIP_AGENTS entries and URLs.
check_secret() { # name value
  [ -n "$2" ] || { echo "$1 is empty"; return 1; }
  if is_placeholder "$2"; then echo "$1 is still the placeholder from .env.example"; return 1; fi
  case "$2" in *[!A-Za-z0-9._~+=@%-]*) echo "$1 may only contain A-Z a-z 0-9 . _ ~ + = @ % -"; return 1 ;; esac
  [ "${#2}" -ge 12 ] || { echo "$1 must be at least 12 characters"; return 1; }
  return 0
}

is_ipv4() {
  echo "$1" | grep -Eq '^([0-9]{1,3}\.){3}[0-9]{1,3}$'
}

# First IPv4 address of a name (or the address itself).
resolve_ipv4() {
  if is_ipv4 "$1"; then echo "$1"; return 0; fi
  getent hosts "$1" 2>/dev/null | awk '{print $1}' | grep -E '^([0-9]{1,3}\.){3}[0-9]{1,3}$' | head -n 1
}

# This container's IPv4 addresses with prefix length, e.g. 172.18.0.3/16.
container_cidrs() {
  ip -o -4 addr show scope global 2>/dev/null | awk '{print $4}'
}

container_ips() {
  container_cidrs | cut -d/ -f1
}

default_gateway() {
  ip -4 route show default 2>/dev/null | awk '/^default/ {print $3; exit}'
}

# Split a comma/space separated list into lines.
split_list() {
  echo "$1" | tr ', ' '\n\n' | sed '/^$/d'
}

# Escape a value for an Asterisk config line (';' starts a comment).
conf_escape() {
  printf '%s' "$1" | sed 's/;/\\;/g'
}

# Blocks below write "<file>.new" with a plain redirect (no pipe, so `die` inside
# them stops this script), then publish() moves it in place, readable by asterisk.
publish() { # path
  chmod 0640 "$1.new"
  own "$1.new"
  mv "$1.new" "$1"
}

# Files and directories belong to the user Asterisk runs as, when there is one.
if id "$run_user" >/dev/null 2>&1; then has_run_user=yes; else has_run_user=no; fi
own() { [ "$has_run_user" = no ] || chown "$run_user:$run_user" "$@"; }

# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
echo "$ari_username" | grep -Eq '^[A-Za-z0-9_-]+$' || die "ARI_USERNAME may only contain letters, digits, _ and -"
[ "$ari_username" != "general" ] || die "ARI_USERNAME cannot be 'general'"
problem="$(check_secret ARI_PASSWORD "$ari_password")" || die "$problem (ARI is reachable through port 8089; generate one with: openssl rand -hex 24)"
echo "$ari_app" | grep -Eq '^[A-Za-z0-9_-]+$' || die "ARI_APP may only contain letters, digits, _ and -"
case "$inbound_policy" in reject|stasis) ;; *) die "INBOUND_POLICY must be reject or stasis" ;; esac
case "$carrier_transport" in udp|tcp) ;; *) die "CARRIER_TRANSPORT must be udp or tcp" ;; esac
case "$carrier_register" in yes|no) ;; *) die "CARRIER_REGISTER must be yes or no" ;; esac
echo "$carrier_port" | grep -Eq '^[0-9]+$' || die "CARRIER_PORT must be a port number"
for port in "$sip_port" "$ari_http_port" "$tls_port" "$rtp_start" "$rtp_end"; do
  echo "$port" | grep -Eq '^[0-9]+$' || die "ports must be numbers, not '$port'"
done
is_ipv4 "$bind_address" || die "BIND_ADDRESS must be an IPv4 address"

mkdir -p "$gen" "$keys" "$etc/custom"

# ---------------------------------------------------------------------------
# ARI user, with an address ACL (the TLS port 8089 also serves /ari)
# ---------------------------------------------------------------------------
{
  echo "; generated by entrypoint.sh from ARI_USERNAME, ARI_PASSWORD, ARI_PERMIT"
  echo "[$ari_username]"
  echo "type = user"
  echo "read_only = no"
  echo "password_format = plain"
  echo "password = $ari_password"
  if [ "$ari_permit" != "any" ]; then
    # Later rules win: deny everything, then permit the listed networks.
    echo "deny = 0.0.0.0/0.0.0.0"
    echo "deny = ::/0"
    echo "permit = 127.0.0.1/32"
    echo "permit = ::1/128"
    if [ "$ari_permit" = "auto" ]; then
      [ -n "$(container_cidrs)" ] || log "warning: could not list this container's networks; ARI accepts loopback only (set ARI_PERMIT)"
      for cidr in $(container_cidrs); do echo "permit = $cidr"; done
      # Connections through Docker's userland proxy (published ports) come from
      # the network gateway: keep them out.
      gw="$(default_gateway)"
      [ -z "$gw" ] || echo "deny = $gw/32"
    else
      for net in $(split_list "$ari_permit"); do echo "permit = $net"; done
    fi
  fi
} >"$gen/ari_user.conf.new"
publish "$gen/ari_user.conf"

# ---------------------------------------------------------------------------
# Dialplan globals
# ---------------------------------------------------------------------------
{
  echo "; generated by entrypoint.sh from ARI_APP, INBOUND_POLICY"
  echo "ARI_APP = $ari_app"
  echo "INBOUND_POLICY = $inbound_policy"
} >"$gen/globals.conf.new"
publish "$gen/globals.conf"

# ---------------------------------------------------------------------------
# NAT for the UDP/TCP transports (lines inside [tpl-transport-nat])
# ---------------------------------------------------------------------------
{
  echo "; generated by entrypoint.sh from EXTERNAL_ADDRESS, EXTERNAL_MEDIA_ADDRESS, LOCAL_NET"
  if [ -n "$external_address" ] || [ -n "$external_media_address" ]; then
    for cidr in $(container_cidrs); do echo "local_net = $cidr"; done
    echo "local_net = 127.0.0.1/32"
    for net in $(split_list "$local_net"); do echo "local_net = $net"; done
    [ -z "$external_media_address" ] || echo "external_media_address = $external_media_address"
    [ -z "$external_address" ] || echo "external_signaling_address = $external_address"
  else
    echo "; EXTERNAL_ADDRESS is not set: SDP and Contact carry the container address."
  fi
} >"$gen/pjsip_nat.conf.new"
publish "$gen/pjsip_nat.conf"

# ---------------------------------------------------------------------------
# ICE host candidates for WebRTC (lines inside [ice_host_candidates])
# ---------------------------------------------------------------------------
{
  echo "; generated by entrypoint.sh from ICE_HOST_CANDIDATES, EXTERNAL_MEDIA_ADDRESS"
  case "$ice_host_candidates" in
    none) ;;
    auto)
      if [ -n "$external_media_address" ]; then
        advertised="$(resolve_ipv4 "$external_media_address" || true)"
        if [ -n "$advertised" ]; then
          for ip in $(container_ips); do echo "$ip => $advertised"; done
        else
          log "warning: cannot resolve EXTERNAL_MEDIA_ADDRESS '$external_media_address' to an IPv4 address; no ICE host candidate override"
        fi
      fi
      ;;
    *)
      # explicit "local=>advertised" pairs, comma separated
      echo "$ice_host_candidates" | tr ',' '\n' | sed 's/ //g; /^$/d; s/=>/ => /'
      ;;
  esac
} >"$gen/rtp_ice.conf.new"
publish "$gen/rtp_ice.conf"

# ---------------------------------------------------------------------------
# Agent softphones from SIP_AGENTS="ext:udp|webrtc:password,..."
# ---------------------------------------------------------------------------
if [ "$webrtc_codecs" = "auto" ]; then
  if [ -e "$modules_dir/codec_opus.so" ]; then webrtc_codecs="opus,ulaw"; else webrtc_codecs="ulaw"; fi
fi
{
  echo "; generated by entrypoint.sh from SIP_AGENTS, WEBRTC_CODECS"
  for entry in $(split_list "$sip_agents"); do
    ext="$(echo "$entry" | cut -d: -f1)"
    kind="$(echo "$entry" | cut -d: -f2)"
    secret="$(echo "$entry" | cut -d: -f3-)"
    if ! echo "$ext" | grep -Eq '^[A-Za-z0-9_-]+$'; then
      log "warning: SIP_AGENTS entry '$ext' skipped: the extension may only contain letters, digits, _ and -"; continue
    fi
    case "$kind" in udp|webrtc) ;; *) log "warning: SIP agent $ext skipped: kind must be udp or webrtc, not '$kind'"; continue ;; esac
    if ! problem="$(check_secret "password of SIP agent $ext" "$secret")"; then
      log "warning: SIP agent $ext skipped: $problem"; continue
    fi
    echo
    echo "[$ext](tpl-agent-$kind)"
    echo "aors = $ext"
    echo "auth = $ext"
    echo "callerid = \"Agent $ext\" <$ext>"
    if [ "$kind" = "webrtc" ]; then
      echo "disallow = all"
      echo "allow = $webrtc_codecs"
    fi
    echo "[$ext](tpl-agent-auth)"
    echo "username = $ext"
    echo "password = $secret"
    echo "[$ext](tpl-agent-aor)"
    log "SIP agent $ext ($kind)"
  done
} >"$gen/pjsip_agents.conf.new"
publish "$gen/pjsip_agents.conf"

# ---------------------------------------------------------------------------
# Carrier trunk: the `carrier` endpoint dialled as PJSIP/{number}@carrier
# ---------------------------------------------------------------------------
{
  echo "; generated by entrypoint.sh from CARRIER_*"
  if [ -z "$carrier_host" ]; then
    log "CARRIER_HOST is not set: no carrier trunk (PJSIP/...@carrier will fail; use Local/{number}@customers for checks)"
  elif [ -n "$carrier_username" ] && { [ -z "$carrier_password" ] || is_placeholder "$carrier_password"; }; then
    log "warning: CARRIER_PASSWORD is empty or a placeholder: no carrier trunk"
  else
    case "$carrier_password" in *"
"*) die "CARRIER_PASSWORD contains a line break" ;; esac
    uri_host="$carrier_host:$carrier_port"
    echo
    echo "[carrier](tpl-carrier-endpoint)"
    echo "aors = carrier"
    echo "transport = transport-$carrier_transport"
    [ -z "$carrier_username" ] || echo "outbound_auth = carrier"
    [ -z "$carrier_from_user" ] || echo "from_user = $carrier_from_user"
    [ -z "$carrier_from_domain" ] || echo "from_domain = $carrier_from_domain"
    echo "[carrier](tpl-carrier-aor)"
    echo "contact = sip:$uri_host"
    if [ -n "$carrier_username" ]; then
      echo "[carrier](tpl-carrier-auth)"
      echo "username = $carrier_username"
      echo "password = $(conf_escape "$carrier_password")"
    fi
    echo "[carrier-identify](tpl-carrier-identify)"
    for m in $(split_list "${carrier_match:-$carrier_host}"); do echo "match = $m"; done
    if [ "$carrier_register" = "yes" ]; then
      [ -n "$carrier_username" ] || die "CARRIER_REGISTER=yes needs CARRIER_USERNAME and CARRIER_PASSWORD"
      echo "[carrier-registration](tpl-carrier-registration)"
      echo "transport = transport-$carrier_transport"
      echo "outbound_auth = carrier"
      echo "server_uri = sip:$uri_host"
      echo "client_uri = sip:$carrier_username@$carrier_host"
      echo "contact_user = $carrier_username"
    fi
    log "carrier trunk sip:$uri_host over $carrier_transport (register: $carrier_register)"
  fi
} >"$gen/pjsip_carrier.conf.new"
publish "$gen/pjsip_carrier.conf"

# ---------------------------------------------------------------------------
# Addresses and ports (defaults: the ones docker-compose.yml publishes)
# ---------------------------------------------------------------------------
{
  echo "; generated by entrypoint.sh from BIND_ADDRESS, ARI_HTTP_PORT, TLS_PORT, ASTERISK_ROOT"
  echo "bindaddr = $bind_address"
  echo "bindport = $ari_http_port"
  echo "tlsbindaddr = $bind_address:$tls_port"
  echo "tlscertfile = $keys/asterisk.crt"
  echo "tlsprivatekey = $keys/asterisk.key"
} >"$gen/http_bind.conf.new"
publish "$gen/http_bind.conf"
# One file per transport: Asterisk warns when one file is included twice.
for proto in udp tcp; do
  {
    echo "; generated by entrypoint.sh from BIND_ADDRESS, SIP_PORT (transport-$proto)"
    echo "bind = $bind_address:$sip_port"
  } >"$gen/pjsip_bind_$proto.conf.new"
  publish "$gen/pjsip_bind_$proto.conf"
done
{
  echo "; generated by entrypoint.sh from RTP_START, RTP_END"
  echo "rtpstart = $rtp_start"
  echo "rtpend = $rtp_end"
} >"$gen/rtp_ports.conf.new"
publish "$gen/rtp_ports.conf"

# ---------------------------------------------------------------------------
# asterisk.conf [directories] for an installation outside the image's paths
# ---------------------------------------------------------------------------
# asterisk.conf cannot include generated files (it is read before astetcdir is
# known), so the committed file is rewritten in place: every directory moves under
# ASTERISK_ROOT, modules and binaries to where this Asterisk has them.
if [ -n "$root" ] || [ "$modules_dir" != /usr/lib/asterisk/modules ]; then
  sbin_dir="$(dirname "$asterisk_bin")"
  awk -v root="$root" -v mods="$modules_dir" -v sbin="$sbin_dir" '
    /^\[/ { section = $0 }
    section == "[directories]" && /^ast[a-z]+dir[ \t]*=>/ {
      key = $1
      value = $0; sub(/^[^>]*=>[ \t]*/, "", value)
      if (key == "astmoddir") value = mods
      else if (key == "astsbindir") value = sbin
      else if (index(value, root) != 1) value = root value
      print key " => " value
      next
    }
    { print }
  ' "$etc/asterisk.conf" >"$etc/asterisk.conf.new"
  publish "$etc/asterisk.conf"
fi

# ---------------------------------------------------------------------------
# TLS certificate for https/wss on 8089
# ---------------------------------------------------------------------------
if [ -n "$tls_cert_file" ] || [ -n "$tls_key_file" ]; then
  [ -r "$tls_cert_file" ] || die "TLS_CERT_FILE '$tls_cert_file' is not readable (mount it into the container)"
  [ -r "$tls_key_file" ] || die "TLS_KEY_FILE '$tls_key_file' is not readable (mount it into the container)"
  install -m 0644 "$tls_cert_file" "$keys/asterisk.crt"
  install -m 0640 "$tls_key_file" "$keys/asterisk.key"
  own "$keys/asterisk.crt" "$keys/asterisk.key"
  log "TLS certificate installed from $tls_cert_file"
elif [ ! -s "$keys/asterisk.crt" ] || [ ! -s "$keys/asterisk.key" ]; then
  cn="${tls_cert_cn:-${external_address:-$(hostname)}}"
  if is_ipv4 "$cn"; then san="IP:$cn"; else san="DNS:$cn"; fi
  openssl req -x509 -newkey rsa:2048 -sha256 -days 825 -nodes \
    -keyout "$keys/asterisk.key" -out "$keys/asterisk.crt" \
    -subj "/CN=$cn" -addext "subjectAltName=$san,DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1 \
    || die "could not create a self-signed certificate"
  own "$keys/asterisk.crt" "$keys/asterisk.key"
  chmod 0644 "$keys/asterisk.crt"
  chmod 0640 "$keys/asterisk.key"
  log "created a self-signed certificate for CN=$cn; browsers accept it only after you open https://$cn:8089/ws once"
fi

# ---------------------------------------------------------------------------
# Directories (volumes may arrive empty or root-owned)
# ---------------------------------------------------------------------------
# ARI bridge/channel recordings: POST /bridges/{id}/record fails with 500 without it.
mkdir -p "$spool/recording" "$varlib/sounds/dialer" "$root/var/log/asterisk" "$root/var/run/asterisk" "$root/var/cache/asterisk"
own "$spool" "$spool/recording" "$root/var/log/asterisk" "$root/var/run/asterisk" "$root/var/cache/asterisk"
# The service's prompts (shared `prompts` volume at $varlib/dialer-prompts): the prompt pack and
# managers' uploads as <lang>/dialer/<name>.wav, played as sound:dialer/<name> in the channel's
# language. Same uid/gid as the service user, group-writable. Linked into sounds/<lang>/ where
# Asterisk looks; a real folder already there (an installation of its own) is left alone.
own "$varlib/sounds/dialer"
chmod 2775 "$varlib/sounds/dialer"
mkdir -p "$varlib/dialer-prompts"
for lang in zh en; do
  mkdir -p "$varlib/dialer-prompts/$lang/dialer" "$varlib/sounds/$lang"
  [ -e "$varlib/sounds/$lang/dialer" ] || ln -s "$varlib/dialer-prompts/$lang/dialer" "$varlib/sounds/$lang/dialer"
done

if [ "${1:-}" = "--render-only" ]; then
  exit 0
fi
if [ "$#" -gt 0 ]; then
  exec "$@"
fi

log "starting Asterisk (ARI app '$ari_app', inbound policy '$inbound_policy')"
if [ "$has_run_user" = yes ]; then
  exec "$asterisk_bin" -C "$etc/asterisk.conf" -f -n -T -U "$run_user" -G "$run_user"
fi
exec "$asterisk_bin" -C "$etc/asterisk.conf" -f -n -T
