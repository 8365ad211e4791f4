# PEERS_EXTRA for ../shared/bench/peers.sh (or shared/bench/peers.sh): defines omni as a peer.
#
#   PEERS_EXTRA=bench/omni-peer.sh PEERS="git borg restic zpaq omni" \
#     ../shared/bench/peers.sh /path/to/corpus /tmp/peers.csv
#
# Runs omni the way a user does: `omni init` takes the first snapshot, `omni snapshot` the later
# ones (recording nothing when nothing changed), `omni restore @ --to DIR` restores. The store
# (OMNI_HOME) is $REPO. OMNI may point at another launcher; the default is this checkout's.
OMNI=${OMNI:-$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)/omni}
# Build (and train the class-data archive) before timing anything.
"$OMNI" --version >/dev/null

peer_omni_version() { "$OMNI" --version | awk 'NR==1 {print $2}'; }
peer_omni_init()    { :; }
peer_omni_snap()    {
  if (( SNAP == 1 )); then OMNI_HOME=$REPO "$OMNI" init -q "$WORK"
  else (cd "$WORK" && OMNI_HOME=$REPO "$OMNI" snapshot -q); fi
}
peer_omni_restore() { (cd "$WORK" && OMNI_HOME=$REPO "$OMNI" restore -q @ --to "$DST/t"); }
peer_omni_status()  { (cd "$WORK" && OMNI_HOME=$REPO "$OMNI" status -q --exit-code); }
peer_omni_gc()      { (cd "$WORK" && OMNI_HOME=$REPO "$OMNI" gc -q); }
TOOL[omni]=$OMNI
