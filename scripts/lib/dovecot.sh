# Shared by scripts that need a throwaway Dovecot on loopback (bench-mail, crash-safety-mail).
# Source it, then: dovecot_start DIR USER  → sets DOVECOT_PORT and DOVECOT_PID, mail under DIR/mail/USER
#                  maildir_fill MAILDIR COUNT → COUNT distinct support mails in MAILDIR/new
#                  dovecot_stop
# Needs root (Dovecot's users are dovecot/dovenull) and dovecot (apt-get install dovecot-imapd).

dovecot_start() {
    local dir=$1 user=$2 dovecot
    dovecot=$(command -v dovecot || echo /usr/sbin/dovecot)
    [ -x "$dovecot" ] || { echo "dovecot missing: apt-get install dovecot-imapd" >&2; return 1; }
    chmod 755 "$dir"
    DOVECOT_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$dir/run" "$dir/state" "$dir/mail/$user/Maildir/"{new,cur,tmp}
    cat >"$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$dir/mail/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    port = $DOVECOT_PORT
  }
}
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 0
CONF
    chown -R dovecot:dovecot "$dir/mail"
    "$dovecot" -F -c "$dir/dovecot.conf" >/dev/null 2>&1 &
    DOVECOT_PID=$!
    for _ in $(seq 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $DOVECOT_PORT), 0.1)" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "dovecot did not start; see $dir/dovecot.log" >&2
    return 1
}

dovecot_stop() {
    if [ -n "${DOVECOT_PID:-}" ]; then
        kill "$DOVECOT_PID" 2>/dev/null || true
        wait "$DOVECOT_PID" 2>/dev/null || true
        DOVECOT_PID=
    fi
}

maildir_fill() {
    python3 - "$1" "$2" <<'PY'
import os, sys, time
target, count = sys.argv[1], int(sys.argv[2])
now = int(time.time())
for i in range(1, count + 1):
    sender = f"cliente{i % 400}@empresa{i % 37}.example"
    body = (
        f"From: Cliente {i} <{sender}>\r\nTo: soporte@example.com\r\nSubject: Pedido {i}: la central no anda\r\n"
        f"Date: Mon, 03 Mar 2025 10:00:00 +0000\r\nMessage-ID: <bench-{i}@empresa.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Hola, desde esta mañana la central {i} no da tono. ¿Pueden revisar?\r\n\r\n--\r\nCliente {i}\r\n"
    )
    with open(os.path.join(target, f"{now}.M{i}P{os.getpid()}.bench"), "w", encoding="utf-8", newline="") as f:
        f.write(body)
PY
    chown -R dovecot:dovecot "$1"
}
