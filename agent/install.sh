#!/usr/bin/env bash
# Installs, upgrades or removes the healthmon agent as a systemd service. Run as root.
#
#   install.sh install --jar healthmon-agent.jar [--server URL --token ENROLLMENT_TOKEN] [--ca-file PEM] [--root DIR]
#   install.sh upgrade --jar healthmon-agent.jar [--root DIR]
#   install.sh uninstall [--purge] [--root DIR]   (--purge also removes /etc/healthmon-agent and the key and spool)
#
# install: creates the system user healthmon-agent, copies the jar to /opt/healthmon-agent, writes
# /etc/healthmon-agent/agent.yaml (kept if it exists), installs the unit, builds the class-data archive,
# registers with the server when --server and --token are given, then enables and starts the service.
#
# --root DIR installs into DIR as into / (a system image being built, or a test's scratch root): the
# user goes into DIR/etc/passwd and DIR/etc/group, which must exist; the configuration is checked by
# the invoking user, the class-data archive is left for install.sh upgrade on the running system, and
# systemd is neither told nor asked.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
user=healthmon-agent
root=""

die() { echo "install.sh: $*" >&2; exit 2; }
say() { echo "install.sh: $*"; }

[ $# -ge 1 ] || die "usage: install.sh install|upgrade|uninstall [options] (see the top of this file)"
command=$1; shift
jar="" server="" token="" ca="" purge=no
while [ $# -gt 0 ]; do
  case $1 in
    --jar) jar=${2:?--jar needs a file}; shift 2 ;;
    --server) server=${2:?--server needs a URL}; shift 2 ;;
    --token) token=${2:?--token needs a value}; shift 2 ;;
    --ca-file) ca=${2:?--ca-file needs a file}; shift 2 ;;
    --purge) purge=yes; shift ;;
    --root) root=$(cd "${2:?--root needs a directory}" && pwd); shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "run as root (it creates a user and installs a systemd unit)"
command -v java >/dev/null || die "java (17 or newer) is not installed"
opt=$root/opt/healthmon-agent
etc=$root/etc/healthmon-agent
state=$root/var/lib/healthmon-agent
unit=$root/etc/systemd/system/healthmon-agent.service
# The paths the agent sees at run time, written into its files: the same with or without --root.
run_etc=/etc/healthmon-agent

find_jar() {
  [ -n "$jar" ] || jar="$here/target/healthmon-agent.jar"
  [ -f "$jar" ] || die "no agent jar at $jar: build it (./mvnw -pl agent -am package) or pass --jar"
}

# Runs a command as the agent's user; under --root, where the user exists only in DIR's files, as the
# invoking user.
as_agent() {
  if [ -n "$root" ]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

# The user's numeric ids, from DIR's files under --root (the host does not know the user there).
uid_of() { if [ -n "$root" ]; then awk -F: -v u="$user" '$1 == u {print $3}' "$root/etc/passwd"; else id -u "$user"; fi; }
gid_of() { if [ -n "$root" ]; then awk -F: -v u="$user" '$1 == u {print $3}' "$root/etc/group"; else getent group "$user" | cut -d: -f3; fi; }
user_exists() { if [ -n "$root" ]; then grep -q "^$user:" "$root/etc/passwd"; else id -u "$user" >/dev/null 2>&1; fi; }
group_exists() { if [ -n "$root" ]; then grep -q "^$user:" "$root/etc/group"; else getent group "$user" >/dev/null; fi; }
prefix_opt() { if [ -n "$root" ]; then echo "--prefix $root"; fi; }

# The class-data archive makes start-up and memory smaller; built by the agent's own user. A static
# archive of just the classes a collection uses (the JDK's included) is smaller resident than the JDK's
# own archive with or without a dynamic one on top (docs/decisions/0018). --print collects once and sends nothing. The
# archive records the jar's path, so it is built from the jar where the agent will find it at run time
# (not under --root's DIR, where the JVM would refuse it; that archive is made at the first install on
# the running system).
build_cds() {
  local list="$state/healthmon-agent.classlist" archive="$state/healthmon-agent.jsa"
  rm -f "$archive" "$list"
  if [ -n "$root" ]; then
    say "class-data archive not built under --root (it records the jar's path): run install.sh upgrade on the system"
    return
  fi
  if as_agent java -Xshare:off -XX:DumpLoadedClassList="$list" \
        -jar "$opt/healthmon-agent.jar" --print --config "$etc/agent.yaml" >/dev/null 2>&1 \
      && as_agent java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$archive" \
        -cp "$opt/healthmon-agent.jar" >/dev/null 2>&1; then
    say "class-data archive written to $archive"
  else
    rm -f "$archive"
    say "could not build the class-data archive (the agent runs without it)"
  fi
  rm -f "$list"
}

systemd_running() { [ -z "$root" ] && [ -d /run/systemd/system ]; }

case $command in
  install)
    find_jar
    # shellcheck disable=SC2046
    group_exists || groupadd $(prefix_opt) --system "$user"
    # shellcheck disable=SC2046
    user_exists || useradd $(prefix_opt) --system --gid "$user" --home-dir /var/lib/healthmon-agent --no-create-home \
      --shell /usr/sbin/nologin --comment "healthmon agent" "$user"
    install -d -m 0755 "$opt"
    install -m 0644 "$jar" "$opt/healthmon-agent.jar"
    [ -f "$here/README.md" ] && install -m 0644 "$here/README.md" "$opt/README.md"
    install -d -m 0755 "$etc"
    if [ ! -f "$etc/agent.yaml" ]; then
      install -m 0640 -g "$(gid_of)" "$here/dist/agent.yaml" "$etc/agent.yaml"
      [ -n "$server" ] && sed -i "s|^  server_url: .*|  server_url: \"$server\"|" "$etc/agent.yaml"
      say "wrote $etc/agent.yaml: review it"
    fi
    if [ -n "$ca" ]; then
      install -m 0644 "$ca" "$etc/ca.pem"
      grep -q '^    ca_file:' "$etc/agent.yaml" || sed -i "s|^    # ca_file: .*|    ca_file: \"$run_etc/ca.pem\"|" "$etc/agent.yaml"
    fi
    install -d -m 0700 -o "$(uid_of)" -g "$(gid_of)" "$state"
    install -d -m 0755 "$(dirname "$unit")"
    install -m 0644 "$here/dist/healthmon-agent.service" "$unit"
    build_cds
    if [ -n "$server" ] && [ -n "$token" ]; then
      [ -z "$root" ] || die "--server and --token register this machine: not with --root"
      as_agent java -jar "$opt/healthmon-agent.jar" register --server "$server" --token "$token" \
        --config "$etc/agent.yaml"
    fi
    as_agent java -jar "$opt/healthmon-agent.jar" --check-config --config "$etc/agent.yaml" \
      || say "the configuration is not complete yet: fix it, then: systemctl restart healthmon-agent"
    if systemd_running; then
      systemctl daemon-reload
      systemctl enable --now healthmon-agent.service
      say "started; logs: journalctl -u healthmon-agent -f"
    else
      say "systemd is not running here: the unit is installed but not started"
    fi
    ;;
  upgrade)
    find_jar
    [ -f "$opt/healthmon-agent.jar" ] || die "not installed: run install first"
    install -m 0644 "$jar" "$opt/healthmon-agent.jar"
    install -m 0644 "$here/dist/healthmon-agent.service" "$unit"
    build_cds
    if systemd_running; then
      systemctl daemon-reload
      systemctl restart healthmon-agent.service
    fi
    say "upgraded to $(java -jar "$opt/healthmon-agent.jar" --version); unsent reports stay in the spool"
    ;;
  uninstall)
    if systemd_running; then
      systemctl disable --now healthmon-agent.service 2>/dev/null || true
    fi
    rm -f "$unit"
    if systemd_running; then systemctl daemon-reload; fi
    rm -rf "$opt"
    if [ "$purge" = yes ]; then
      rm -rf "$etc" "$state"
      # shellcheck disable=SC2046
      userdel $(prefix_opt) "$user" 2>/dev/null || true
      # shellcheck disable=SC2046
      if group_exists; then groupdel $(prefix_opt) "$user" 2>/dev/null || true; fi
      say "removed, with configuration, key, spool and user"
    else
      say "removed; kept $etc, $state (key and unsent reports) and the user (use --purge to remove them)"
    fi
    ;;
  *) die "unknown command $command (install, upgrade or uninstall)" ;;
esac
