#!/usr/bin/env bash
# Builds the omni desktop app as a jpackage app image and a .deb, both holding the desktop app
# (launcher omni-desktop) and the omni command (launcher omni), on one bundled Java runtime.
# Needs a JDK 17+ with jpackage and zip; the .deb needs fakeroot and dpkg-deb (apt-get install fakeroot zip).
# Not part of ./mvnw verify. Output: packaging/target/app-image/omni/ and packaging/target/*.deb.
#
#   packaging/build-packages.sh [--skip-build] [--type app-image|deb|all]
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname "$here")
out="$here/target"
type=all
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) build=0 ;;
    --type) type=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

version=$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' "$root/pom.xml" | head -1)
jpackage=${JPACKAGE:-jpackage}
if [[ $build == 1 ]]; then
  (cd "$root" && ./mvnw -q -B -pl app-cli,app-desktop -am package -DskipTests)
fi

# One input directory: both applications' jars and their (shared) dependencies. JavaFX's empty
# placeholder jars stay out; its platform jars carry the classes and native libraries.
rm -rf "$out"
input="$out/input"
mkdir -p "$input"
cp "$root/app-desktop/target/omni-desktop.jar" "$root/app-cli/target/omni-cli.jar" "$input/"
for f in "$root"/app-desktop/target/lib/*.jar "$root"/app-cli/target/lib/*.jar; do
  name=$(basename "$f")
  case "$name" in
    javafx-*-linux*.jar) ;;
    javafx-*.jar) continue ;;
  esac
  cp -n "$f" "$input/"
done

# ONNX Runtime's jar (the semantic index's model runner) carries native code and debug symbols for
# five platforms, 93 MB; the package keeps only its own platform's native code (6 MB).
case "$(uname -m)" in
  x86_64|amd64) keep=linux-x64 ;;
  aarch64|arm64) keep=linux-aarch64 ;;
  *) keep= ;;
esac
for ort in "$input"/onnxruntime-*.jar; do
  if [[ -n $keep && -f $ort ]]; then
    drop=()
    for p in win-x64 osx-x64 osx-aarch64 linux-x64 linux-aarch64; do
      [[ $p != "$keep" ]] && drop+=("ai/onnxruntime/native/$p/*")
    done
    zip -q -d "$ort" "${drop[@]}" >/dev/null || true
  fi
done

jvm_opts=(--java-options "-XX:+UseSerialGC" --java-options "-Dfile.encoding=UTF-8"
          --java-options "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED")
cat >"$out/omni.properties" <<PROPS
main-jar=omni-cli.jar
main-class=dev.omni.cli.Main
linux-shortcut=false
java-options=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 --add-opens=java.base/sun.nio.fs=ALL-UNNAMED
PROPS

# The application is named omni-desktop (its main launcher); the omni command is a second
# launcher in the same image. The Debian package is called omni and installs to /opt/omni, with
# /usr/bin/omni and /usr/bin/omni-desktop linked by its postinst (packaging/linux/).
common=(--name omni-desktop --app-version "$version" --vendor "omni"
        --description "omni: snapshots, drift, merge, memory and conversations (desktop app and command)"
        --input "$input" --main-jar omni-desktop.jar --main-class dev.omni.desktop.Launcher
        "${jvm_opts[@]}" --add-launcher "omni=$out/omni.properties"
        --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.zipfs,jdk.net
        --jlink-options "--strip-debug --no-header-files --no-man-pages")

if [[ $type == app-image || $type == all ]]; then
  "$jpackage" --type app-image --dest "$out/app-image" "${common[@]}"
  echo "app image: $out/app-image/omni-desktop (bin/omni-desktop, bin/omni)"
fi

if [[ $type == deb || $type == all ]]; then
  "$jpackage" --type deb --dest "$out" "${common[@]}" \
    --linux-package-name omni --linux-app-category devel --linux-menu-group Development --linux-shortcut \
    --linux-package-deps libgtk-3-0 --linux-deb-maintainer dev@omni.local \
    --resource-dir "$here/linux"
  ls -1 "$out"/*.deb
fi
