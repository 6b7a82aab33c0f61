
use builtin;
use str;

set edit:completion:arg-completer[ctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ctl'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand agent 'Run an agent (a server with --server or --dev; otherwise a client agent)'
            cand kv 'Read and write the key/value store'
            cand keygen 'Print a new gossip encryption key (base64 of 32 random bytes)'
            cand keyring 'List and change the gossip encryption keys across the pool'
            cand members 'List the members of the LAN pool'
            cand join 'Ask the agent to join the pool through other members'
            cand leave 'Leave the pool gracefully and stop the agent'
            cand force-leave 'Move a failed member to `left`, or forget it with --prune'
            cand event 'Fire a user event across the pool'
            cand info 'Print the agent''s runtime statistics'
            cand operator 'Cluster-level operations (Raft peers, leadership)'
            cand catalog 'Read the service catalog (datacenters, nodes, services)'
            cand services 'Register and deregister the local agent''s services'
            cand health 'Who is healthy: service instances and checks'
            cand snapshot 'Save, restore and inspect snapshots of the cluster''s state'
            cand watch 'Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle every change'
            cand lock 'Run a command while holding a lock (or one of N semaphore slots) in the KV store'
            cand reload 'Re-read the agent''s configuration files and apply what can change without a restart'
            cand validate 'Check config files without starting an agent'
            cand bench 'Load-test a Consul-compatible agent'
            cand tls 'Create a CA and agent certificates for TLS, and inspect certificates'
            cand tui 'The live terminal dashboard (or one frame as text with --once)'
            cand demo 'Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the dashboard on it'
            cand debug 'Capture an agent''s state, metrics and logs into an archive for a bug report'
            cand monitor 'Stream the agent''s log lines as they happen'
            cand completion 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;agent'= {
            cand --bootstrap-expect 'Servers to wait for before bootstrapping (`bootstrap_expect`)'
            cand --data-dir 'Where state is kept (`data_dir`)'
            cand --config-file 'A JSON or HCL config file; repeatable, later files win'
            cand --config-dir 'A directory of .json/.hcl files read in lexical order; repeatable'
            cand --node 'Node name (`node_name`, default: the host name)'
            cand --node-id 'Node id, a UUID (`node_id`; generated and persisted when absent)'
            cand --datacenter 'Datacenter (`datacenter`, default dc1)'
            cand --bind 'Address for cluster traffic (`bind_addr`)'
            cand --advertise 'Address advertised to other nodes (`advertise_addr`)'
            cand --client 'Address of the HTTP API (`client_addr`, default 127.0.0.1)'
            cand --http-port 'HTTP API port (`ports.http`, default 8500; -1 disables, 0 picks a free port)'
            cand --https-port 'HTTPS API port (`ports.https`, default -1 = off; needs `tls.https` certificates)'
            cand --dns-port 'DNS port, UDP and TCP (`ports.dns`, default 8600; -1 disables, 0 picks a free port)'
            cand --server-port 'Server RPC port (`ports.server`, default 8300)'
            cand --log-level 'TRACE, DEBUG, INFO, WARN or ERR (`log_level`)'
            cand --serf-lan-port 'Gossip port (`ports.serf_lan`, default 8301; 0 picks a free port)'
            cand --join 'Join the pool through this address at start-up, failing if it cannot (`start_join`)'
            cand --retry-join 'Join through this address, retrying in the background (`retry_join`)'
            cand --retry-interval 'Time between retry-join attempts (`retry_interval`, default 30s)'
            cand --retry-max 'Give up retry-join after this many attempts; 0 never gives up (`retry_max`)'
            cand --encrypt 'Gossip encryption key, base64 (`encrypt`; the keyring file wins once written)'
            cand --format 'Output format for commands that print data'
            cand --dev 'Development mode: a single self-bootstrapping server, temporary storage, fast timings'
            cand --server 'Run as a server (`server`)'
            cand --bootstrap 'Bootstrap a single-server cluster (`bootstrap`)'
            cand --log-json 'Log in JSON (`log_json`)'
            cand --disable-keyring-file 'Do not persist the keyring (`disable_keyring_file`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;kv'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand put 'Write a value: DATA literally, @FILE, or - for stdin'
            cand get 'Read a key, or keys under a prefix'
            cand delete 'Delete a key, or every key under a prefix'
            cand export 'Print keys under a prefix as JSON for `kv import`'
            cand import 'Write the entries of a `kv export` JSON array'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;kv;put'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --modify-index 'The ModifyIndex for --cas'
            cand --session 'The session for --acquire / --release'
            cand --flags 'Opaque flags stored with the value'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --cas 'Write only if the key''s ModifyIndex equals --modify-index (0: only if absent)'
            cand --acquire 'Take the key''s lock for --session (writing the value)'
            cand --release 'Give up the key''s lock held by --session (writing the value)'
            cand --base64 'DATA is base64; decode it before writing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;kv;get'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --separator 'Where --keys rolls names up into folders'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --recurse 'Every key under KEY as a prefix, one `key:value` per line'
            cand --keys 'Only the key names under the prefix, rolled up at --separator'
            cand --detailed 'Every field of the entry, not just its value'
            cand --base64 'Print values base64-encoded'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;kv;delete'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --modify-index 'The ModifyIndex for --cas'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --recurse 'Delete every key under KEY as a prefix'
            cand --cas 'Delete only if the key''s ModifyIndex equals --modify-index'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;kv;export'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;kv;import'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --prefix 'Put every key under this prefix'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;kv;help'= {
            cand put 'Write a value: DATA literally, @FILE, or - for stdin'
            cand get 'Read a key, or keys under a prefix'
            cand delete 'Delete a key, or every key under a prefix'
            cand export 'Print keys under a prefix as JSON for `kv import`'
            cand import 'Write the entries of a `kv export` JSON array'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;kv;help;put'= {
        }
        &'ctl;kv;help;get'= {
        }
        &'ctl;kv;help;delete'= {
        }
        &'ctl;kv;help;export'= {
        }
        &'ctl;kv;help;import'= {
        }
        &'ctl;kv;help;help'= {
        }
        &'ctl;keygen'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;keyring'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --install 'Install a new key on every node'
            cand --use 'Make an installed key the primary on every node'
            cand --remove 'Remove a key from every node'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --list 'List the installed keys with how many nodes have each'
            cand --list-primary 'List the primary keys'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;members'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --status 'Only members whose status matches this regular expression'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --detailed 'Show every tag instead of the summary columns'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;join'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;leave'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;force-leave'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --prune 'Remove the member from the list entirely'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;event'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --name 'The event name'
            cand --node 'Only nodes whose name matches this regular expression handle the event'
            cand --service 'Only nodes with a matching service handle it'
            cand --tag 'Only nodes with the service carrying a matching tag (needs --service)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;info'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand raft 'Inspect and change the Raft configuration'
            cand rollout 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;operator;raft'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list-peers 'List the servers of the Raft configuration'
            cand remove-peer 'Remove a server from the Raft configuration'
            cand transfer-leader 'Hand leadership to another server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;operator;raft;list-peers'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator;raft;remove-peer'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --id 'The server''s ID (its node UUID)'
            cand --address 'The server''s RPC address, IP:port'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator;raft;transfer-leader'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --id 'The server to hand leadership to (its node UUID)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator;raft;help'= {
            cand list-peers 'List the servers of the Raft configuration'
            cand remove-peer 'Remove a server from the Raft configuration'
            cand transfer-leader 'Hand leadership to another server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;operator;raft;help;list-peers'= {
        }
        &'ctl;operator;raft;help;remove-peer'= {
        }
        &'ctl;operator;raft;help;transfer-leader'= {
        }
        &'ctl;operator;raft;help;help'= {
        }
        &'ctl;operator;rollout'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand gossip-encryption 'Take a plaintext gossip pool to enforced encryption, without a restart'
            cand gossip-key 'Rotate the gossip encryption key'
            cand tls 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;operator;rollout;gossip-encryption'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --stage 'Run only this stage (1-based), for automation; earlier stages must be done'
            cand --timeout 'How long a stage''s checks may take to pass before it is rolled back'
            cand --key 'The key to use (base64 of 16, 24 or 32 bytes); a new one is generated otherwise'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -y 'Go ahead without asking (needed when there is no terminal)'
            cand --yes 'Go ahead without asking (needed when there is no terminal)'
            cand --plan 'Print the plan and the checks, and change nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator;rollout;gossip-key'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --stage 'Run only this stage (1-based), for automation; earlier stages must be done'
            cand --timeout 'How long a stage''s checks may take to pass before it is rolled back'
            cand --key 'The new key (base64 of 16, 24 or 32 bytes); a new one is generated otherwise'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -y 'Go ahead without asking (needed when there is no terminal)'
            cand --yes 'Go ahead without asking (needed when there is no terminal)'
            cand --plan 'Print the plan and the checks, and change nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator;rollout;tls'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --stage 'Run only this stage (1-based), for automation; earlier stages must be done'
            cand --timeout 'How long a stage''s checks may take to pass before it is rolled back'
            cand --dir 'Where the CA and the per-node folders are written'
            cand --ca-cert-file 'Use this CA certificate instead of creating one (with --ca-key-file)'
            cand --ca-key-file 'The key of --ca-cert-file'
            cand --domain 'The DNS domain in the certificates'' names'
            cand --days 'Days the issued certificates are valid'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -y 'Go ahead without asking (needed when there is no terminal)'
            cand --yes 'Go ahead without asking (needed when there is no terminal)'
            cand --plan 'Print the plan and the checks, and change nothing'
            cand --install-local 'Place each agent''s files in its `<data_dir>/tls/` when that is on this machine'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;operator;rollout;help'= {
            cand gossip-encryption 'Take a plaintext gossip pool to enforced encryption, without a restart'
            cand gossip-key 'Rotate the gossip encryption key'
            cand tls 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;operator;rollout;help;gossip-encryption'= {
        }
        &'ctl;operator;rollout;help;gossip-key'= {
        }
        &'ctl;operator;rollout;help;tls'= {
        }
        &'ctl;operator;rollout;help;help'= {
        }
        &'ctl;operator;help'= {
            cand raft 'Inspect and change the Raft configuration'
            cand rollout 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;operator;help;raft'= {
            cand list-peers 'List the servers of the Raft configuration'
            cand remove-peer 'Remove a server from the Raft configuration'
            cand transfer-leader 'Hand leadership to another server'
        }
        &'ctl;operator;help;raft;list-peers'= {
        }
        &'ctl;operator;help;raft;remove-peer'= {
        }
        &'ctl;operator;help;raft;transfer-leader'= {
        }
        &'ctl;operator;help;rollout'= {
            cand gossip-encryption 'Take a plaintext gossip pool to enforced encryption, without a restart'
            cand gossip-key 'Rotate the gossip encryption key'
            cand tls 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS'
        }
        &'ctl;operator;help;rollout;gossip-encryption'= {
        }
        &'ctl;operator;help;rollout;gossip-key'= {
        }
        &'ctl;operator;help;rollout;tls'= {
        }
        &'ctl;operator;help;help'= {
        }
        &'ctl;catalog'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand datacenters 'List the known datacenters'
            cand nodes 'List the nodes in the catalog'
            cand services 'List the services in the catalog'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;catalog;datacenters'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;catalog;nodes'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --service 'Only nodes that run this service'
            cand --node-meta 'Only nodes with this metadata (repeatable)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --detailed 'Also show tagged addresses and metadata'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;catalog;services'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --node 'Only services on this node'
            cand --node-meta 'Only services on nodes with this metadata (repeatable)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --tags 'Show each service''s tags'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;catalog;help'= {
            cand datacenters 'List the known datacenters'
            cand nodes 'List the nodes in the catalog'
            cand services 'List the services in the catalog'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;catalog;help;datacenters'= {
        }
        &'ctl;catalog;help;nodes'= {
        }
        &'ctl;catalog;help;services'= {
        }
        &'ctl;catalog;help;help'= {
        }
        &'ctl;services'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand register 'Register a service with the local agent'
            cand deregister 'Deregister a service from the local agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;services;register'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --name 'Service name (when no file is given)'
            cand --id 'Service ID (defaults to the name)'
            cand --address 'address'
            cand --port 'port'
            cand --tag 'A tag (repeatable)'
            cand --meta 'Metadata `key=value` (repeatable)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;services;deregister'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --id 'The service ID to remove (or give definition files)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;services;help'= {
            cand register 'Register a service with the local agent'
            cand deregister 'Deregister a service from the local agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;services;help;register'= {
        }
        &'ctl;services;help;deregister'= {
        }
        &'ctl;services;help;help'= {
        }
        &'ctl;health'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand service 'Instances of a service with their health'
            cand checks 'Checks by state (or of one service)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;health;service'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --tag 'Only instances with this tag'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --passing 'Only instances whose checks all pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;health;checks'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --state 'any, passing, warning or critical'
            cand --service 'Only the checks of this service'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;health;help'= {
            cand service 'Instances of a service with their health'
            cand checks 'Checks by state (or of one service)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;health;help;service'= {
        }
        &'ctl;health;help;checks'= {
        }
        &'ctl;health;help;help'= {
        }
        &'ctl;snapshot'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand save 'Save the cluster''s state to a file'
            cand restore 'Replace the cluster''s state with a saved snapshot'
            cand inspect 'Describe a snapshot file without contacting an agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;snapshot;save'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;snapshot;restore'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;snapshot;inspect'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;snapshot;help'= {
            cand save 'Save the cluster''s state to a file'
            cand restore 'Replace the cluster''s state with a saved snapshot'
            cand inspect 'Describe a snapshot file without contacting an agent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;snapshot;help;save'= {
        }
        &'ctl;snapshot;help;restore'= {
        }
        &'ctl;snapshot;help;inspect'= {
        }
        &'ctl;snapshot;help;help'= {
        }
        &'ctl;watch'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --type 'What to watch'
            cand --key 'The key (`--type key`)'
            cand --prefix 'The key prefix (`--type keyprefix`)'
            cand --service 'The service (`--type service`, or checks of one service with `--type checks`)'
            cand --tag 'Only instances with this tag (`--type service`)'
            cand --state 'Check state (`--type checks`): any, passing, warning or critical'
            cand --name 'Event name (`--type event`)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --passingonly 'Only passing instances (`--type service`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;lock'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand -n 'How many may hold the lock at once; above 1 the lock is a semaphore'
            cand --limit 'How many may hold the lock at once; above 1 the lock is a semaphore'
            cand --name 'The session''s name (default: names the command and prefix)'
            cand --shell 'Run the command through `sh -c` (`--shell=false` runs it directly)'
            cand --timeout 'Give up if the lock is not acquired within this long (e.g. `10s`; default: wait forever)'
            cand --monitor-retry 'How many times to retry watching the lock (1 s apart) before treating it as lost'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --pass-stdin 'Give the child this command''s stdin'
            cand --child-exit-code 'Exit with 2 when the child fails (by default the child''s failure is not propagated)'
            cand --verbose 'Say what the lock is doing, on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;reload'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;validate'= {
            cand --format 'Output format for commands that print data'
            cand --quiet 'Print nothing on success'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;bench'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand kv 'Put or get keys with N concurrent clients; print throughput and latency percentiles'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;bench;kv'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --clients 'Concurrent clients'
            cand --duration 'How long to run (e.g. 10s, 1m)'
            cand --requests 'Stop after this many requests instead of a duration'
            cand --value-size 'Bytes per value'
            cand --keys 'Keys chosen from at random'
            cand --mode 'mode'
            cand --consistency 'Read consistency for --mode get'
            cand --prefix 'Key prefix'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;bench;help'= {
            cand kv 'Put or get keys with N concurrent clients; print throughput and latency percentiles'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;bench;help;kv'= {
        }
        &'ctl;bench;help;help'= {
        }
        &'ctl;tls'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ca 'Create a certificate authority for the agents'' TLS'
            cand cert 'Create and inspect agent certificates'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;tls;ca'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;tls;ca;create'= {
            cand --days 'How many days the CA is valid for'
            cand --domain 'The cluster''s DNS domain: names the files and, with --name-constraint, bounds the names the CA may sign'
            cand --additional-name-constraint 'Another DNS domain the constrained CA may sign for (repeatable)'
            cand --common-name 'The CA''s common name [default: ctl Agent CA <serial>]'
            cand --format 'Output format for commands that print data'
            cand --name-constraint 'Restrict the CA to DNS names under --domain, `localhost` and any --additional-name-constraint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;tls;ca;help'= {
            cand create 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;tls;ca;help;create'= {
        }
        &'ctl;tls;ca;help;help'= {
        }
        &'ctl;tls;cert'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a server, client or CLI certificate signed by the CA, in the current directory'
            cand inspect 'Show what a certificate file holds: names, usages, issuer, validity'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;tls;cert;create'= {
            cand --dc 'The datacenter, part of the certificate''s names'
            cand --domain 'The cluster''s DNS domain, part of the certificate''s names'
            cand --days 'How many days the certificate is valid for'
            cand --ca 'The CA certificate [default: <domain>-agent-ca.pem]'
            cand --key 'The CA''s private key [default: <domain>-agent-ca-key.pem]'
            cand --additional-dnsname 'Another DNS name for the certificate (repeatable; ignored with --cli)'
            cand --additional-ipaddress 'Another IP address for the certificate (repeatable; ignored with --cli)'
            cand --node 'The server''s node name: adds `<node>.server.<dc>.<domain>` (--server only)'
            cand --format 'Output format for commands that print data'
            cand --server 'Make a server certificate (serverAuth and clientAuth)'
            cand --client 'Make a client agent certificate (clientAuth and serverAuth)'
            cand --cli 'Make a certificate for the CLI (no extended key usage)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;tls;cert;inspect'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;tls;cert;help'= {
            cand create 'Create a server, client or CLI certificate signed by the CA, in the current directory'
            cand inspect 'Show what a certificate file holds: names, usages, issuer, validity'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;tls;cert;help;create'= {
        }
        &'ctl;tls;cert;help;inspect'= {
        }
        &'ctl;tls;cert;help;help'= {
        }
        &'ctl;tls;help'= {
            cand ca 'Create a certificate authority for the agents'' TLS'
            cand cert 'Create and inspect agent certificates'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;tls;help;ca'= {
            cand create 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory'
        }
        &'ctl;tls;help;ca;create'= {
        }
        &'ctl;tls;help;cert'= {
            cand create 'Create a server, client or CLI certificate signed by the CA, in the current directory'
            cand inspect 'Show what a certificate file holds: names, usages, issuer, validity'
        }
        &'ctl;tls;help;cert;create'= {
        }
        &'ctl;tls;help;cert;inspect'= {
        }
        &'ctl;tls;help;help'= {
        }
        &'ctl;tui'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --view 'The view to open: overview, nodes, services, health, raft, gossip, kv, events (or 1-8)'
            cand --width 'Width of the --once frame in columns [default: 80]'
            cand --height 'Height of the --once frame in lines [default: 24]'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --once 'Render one frame as plain text to stdout and exit (for scripts and tests)'
            cand --no-color 'No colours (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;demo'= {
            cand --format 'Output format for commands that print data'
            cand --no-tui 'Stay in the foreground without the dashboard (Ctrl-C stops everything)'
            cand --no-color 'No colours in the dashboard (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;debug'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --duration 'How long to capture logs and metrics'
            cand --interval 'How often to capture metrics'
            cand --output 'Where to write the capture (`PATH.tar.gz`) [default: ctl-debug-<unix time>]'
            cand --archive 'Pack the capture into PATH.tar.gz (false leaves the folder)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;monitor'= {
            cand --http-addr 'Agent HTTP address [env: CTL_HTTP_ADDR, then CONSUL_HTTP_ADDR] [default: http://127.0.0.1:8500]'
            cand --token 'ACL token [env: CTL_HTTP_TOKEN, then CONSUL_HTTP_TOKEN]'
            cand --datacenter 'Datacenter to query (defaults to the agent''s)'
            cand --ca-file 'CA certificate to verify the agent''s HTTPS certificate [env: CTL_CACERT, then CONSUL_CACERT]'
            cand --ca-path 'Directory of CA certificates [env: CTL_CAPATH, then CONSUL_CAPATH]'
            cand --client-cert 'Client certificate for agents that verify incoming HTTPS [env: CTL_CLIENT_CERT, then CONSUL_CLIENT_CERT]'
            cand --client-key 'Key of the client certificate [env: CTL_CLIENT_KEY, then CONSUL_CLIENT_KEY]'
            cand --tls-server-name 'Name the agent''s certificate must carry, when it differs from the host dialled [env: CTL_TLS_SERVER_NAME, then CONSUL_TLS_SERVER_NAME]'
            cand --log-level 'Verbosity: trace, debug, info, warn or err (may be more verbose than the agent''s own log)'
            cand --format 'Output format for commands that print data'
            cand --stale 'Allow any server to answer, even if behind the leader'
            cand --consistent 'Have the leader confirm with a quorum that it still leads before answering'
            cand --log-json 'One JSON object per line instead of text'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;completion'= {
            cand --format 'Output format for commands that print data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ctl;help'= {
            cand agent 'Run an agent (a server with --server or --dev; otherwise a client agent)'
            cand kv 'Read and write the key/value store'
            cand keygen 'Print a new gossip encryption key (base64 of 32 random bytes)'
            cand keyring 'List and change the gossip encryption keys across the pool'
            cand members 'List the members of the LAN pool'
            cand join 'Ask the agent to join the pool through other members'
            cand leave 'Leave the pool gracefully and stop the agent'
            cand force-leave 'Move a failed member to `left`, or forget it with --prune'
            cand event 'Fire a user event across the pool'
            cand info 'Print the agent''s runtime statistics'
            cand operator 'Cluster-level operations (Raft peers, leadership)'
            cand catalog 'Read the service catalog (datacenters, nodes, services)'
            cand services 'Register and deregister the local agent''s services'
            cand health 'Who is healthy: service instances and checks'
            cand snapshot 'Save, restore and inspect snapshots of the cluster''s state'
            cand watch 'Follow a view (key, prefix, services, nodes, service, checks, events) and print or handle every change'
            cand lock 'Run a command while holding a lock (or one of N semaphore slots) in the KV store'
            cand reload 'Re-read the agent''s configuration files and apply what can change without a restart'
            cand validate 'Check config files without starting an agent'
            cand bench 'Load-test a Consul-compatible agent'
            cand tls 'Create a CA and agent certificates for TLS, and inspect certificates'
            cand tui 'The live terminal dashboard (or one frame as text with --once)'
            cand demo 'Bring up a local demo cluster (3 servers, 2 clients, sample services) and open the dashboard on it'
            cand debug 'Capture an agent''s state, metrics and logs into an archive for a bug report'
            cand monitor 'Stream the agent''s log lines as they happen'
            cand completion 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ctl;help;agent'= {
        }
        &'ctl;help;kv'= {
            cand put 'Write a value: DATA literally, @FILE, or - for stdin'
            cand get 'Read a key, or keys under a prefix'
            cand delete 'Delete a key, or every key under a prefix'
            cand export 'Print keys under a prefix as JSON for `kv import`'
            cand import 'Write the entries of a `kv export` JSON array'
        }
        &'ctl;help;kv;put'= {
        }
        &'ctl;help;kv;get'= {
        }
        &'ctl;help;kv;delete'= {
        }
        &'ctl;help;kv;export'= {
        }
        &'ctl;help;kv;import'= {
        }
        &'ctl;help;keygen'= {
        }
        &'ctl;help;keyring'= {
        }
        &'ctl;help;members'= {
        }
        &'ctl;help;join'= {
        }
        &'ctl;help;leave'= {
        }
        &'ctl;help;force-leave'= {
        }
        &'ctl;help;event'= {
        }
        &'ctl;help;info'= {
        }
        &'ctl;help;operator'= {
            cand raft 'Inspect and change the Raft configuration'
            cand rollout 'Roll gossip encryption, a new gossip key or TLS onto a running cluster, in verified stages'
        }
        &'ctl;help;operator;raft'= {
            cand list-peers 'List the servers of the Raft configuration'
            cand remove-peer 'Remove a server from the Raft configuration'
            cand transfer-leader 'Hand leadership to another server'
        }
        &'ctl;help;operator;raft;list-peers'= {
        }
        &'ctl;help;operator;raft;remove-peer'= {
        }
        &'ctl;help;operator;raft;transfer-leader'= {
        }
        &'ctl;help;operator;rollout'= {
            cand gossip-encryption 'Take a plaintext gossip pool to enforced encryption, without a restart'
            cand gossip-key 'Rotate the gossip encryption key'
            cand tls 'Take a plaintext cluster to mutual TLS on server RPC and HTTPS'
        }
        &'ctl;help;operator;rollout;gossip-encryption'= {
        }
        &'ctl;help;operator;rollout;gossip-key'= {
        }
        &'ctl;help;operator;rollout;tls'= {
        }
        &'ctl;help;catalog'= {
            cand datacenters 'List the known datacenters'
            cand nodes 'List the nodes in the catalog'
            cand services 'List the services in the catalog'
        }
        &'ctl;help;catalog;datacenters'= {
        }
        &'ctl;help;catalog;nodes'= {
        }
        &'ctl;help;catalog;services'= {
        }
        &'ctl;help;services'= {
            cand register 'Register a service with the local agent'
            cand deregister 'Deregister a service from the local agent'
        }
        &'ctl;help;services;register'= {
        }
        &'ctl;help;services;deregister'= {
        }
        &'ctl;help;health'= {
            cand service 'Instances of a service with their health'
            cand checks 'Checks by state (or of one service)'
        }
        &'ctl;help;health;service'= {
        }
        &'ctl;help;health;checks'= {
        }
        &'ctl;help;snapshot'= {
            cand save 'Save the cluster''s state to a file'
            cand restore 'Replace the cluster''s state with a saved snapshot'
            cand inspect 'Describe a snapshot file without contacting an agent'
        }
        &'ctl;help;snapshot;save'= {
        }
        &'ctl;help;snapshot;restore'= {
        }
        &'ctl;help;snapshot;inspect'= {
        }
        &'ctl;help;watch'= {
        }
        &'ctl;help;lock'= {
        }
        &'ctl;help;reload'= {
        }
        &'ctl;help;validate'= {
        }
        &'ctl;help;bench'= {
            cand kv 'Put or get keys with N concurrent clients; print throughput and latency percentiles'
        }
        &'ctl;help;bench;kv'= {
        }
        &'ctl;help;tls'= {
            cand ca 'Create a certificate authority for the agents'' TLS'
            cand cert 'Create and inspect agent certificates'
        }
        &'ctl;help;tls;ca'= {
            cand create 'Create a new CA: `<domain>-agent-ca.pem` and `<domain>-agent-ca-key.pem` in the current directory'
        }
        &'ctl;help;tls;ca;create'= {
        }
        &'ctl;help;tls;cert'= {
            cand create 'Create a server, client or CLI certificate signed by the CA, in the current directory'
            cand inspect 'Show what a certificate file holds: names, usages, issuer, validity'
        }
        &'ctl;help;tls;cert;create'= {
        }
        &'ctl;help;tls;cert;inspect'= {
        }
        &'ctl;help;tui'= {
        }
        &'ctl;help;demo'= {
        }
        &'ctl;help;debug'= {
        }
        &'ctl;help;monitor'= {
        }
        &'ctl;help;completion'= {
        }
        &'ctl;help;help'= {
        }
    ]
    $completions[$command]
}
