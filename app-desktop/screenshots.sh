#!/usr/bin/env bash
# Takes the README's screenshots: seeds a demo omni home, starts an omni server for the login
# screen, and runs the real app under Xvfb through app-desktop's ScreenshotTour, which saves each
# screen as docs/screenshots/NAME.png. Needs: xvfb (apt-get install xvfb). Not part of the build.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
out="${1:-$here/docs/screenshots}"
work=$(mktemp -d)
trap 'kill "${server_pid:-}" "${xvfb_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$here" && ./mvnw -q -B -pl app-desktop,sync-server -am package -DskipTests)
target="$here/app-desktop/target"
mp=""; cp="$target/omni-desktop.jar"
for f in "$target"/lib/*.jar; do
  case "$(basename "$f")" in
    javafx-*-linux*.jar) mp="${mp:+$mp:}$f" ;;
    javafx-*.jar) ;;
    *) cp="$cp:$f" ;;
  esac
done
java=(java -XX:+UseSerialGC -Dfile.encoding=UTF-8 --add-opens=java.base/sun.nio.fs=ALL-UNNAMED)

"${java[@]}" -cp "$cp" dev.omni.desktop.demo.DemoStore "$work/home" "$work/work"

# A local server, so that the login screen shows a real device code and its QR code.
port=18765
"$here/omni-server" serve --port "$port" --host 127.0.0.1 --data "$work/server" --base-url "http://127.0.0.1:$port" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

Xvfb :97 -screen 0 1280x800x24 >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1
mkdir -p "$out"
DISPLAY=:97 OMNI_CREDENTIALS=file GTK_THEME=Adwaita OMNI_SERVER="http://127.0.0.1:$port" \
  "${java[@]}" -Dprism.lcdtext=false --module-path "$mp" --add-modules javafx.controls -cp "$cp" \
  dev.omni.desktop.demo.ScreenshotTour --home "$work/home" --shots "$out" --login
echo "screenshots in $out"
