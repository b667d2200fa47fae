import type { cli as en } from '../en/cli';

export const cli: Record<keyof typeof en, string> = {
  'cli.usage': `用法：mqtt-lab record -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] -o FILE [选项]
      mqtt-lab replay -h HOST [-p PORT] -f FILE [选项]
      mqtt-lab compare A.mqttrec.jsonl B.mqttrec.jsonl [选项]
      mqtt-lab pub -h HOST [-p PORT] -t TOPIC (-m TEXT | -f FILE | -n | -s) [-q QOS] [-r]
      mqtt-lab sub -h HOST [-p PORT] -t FILTER [-t FILTER…] [-q QOS] [-C COUNT] [-W SECONDS] [-v]
      mqtt-lab simulate -h HOST [-p PORT] --devices N --interval MS -t TOPIC -m PAYLOAD [选项]
      mqtt-lab broker [-p PORT] [--host ADDRESS] [--ws PORT] [--tls-port PORT --cert FILE --key FILE] [-u USER:PASSWORD…]

连接参数与 mosquitto_pub/sub 相同：-h -p -V mqttv31|mqttv311|mqttv5 -u -P -i --cafile --cert --key

record（录制）
  -t FILTER, -q QOS   要订阅的主题过滤器（重复 -t 可添加多个）
  -o, --output FILE   要写入的录制文件（不会覆盖已有文件）
  --seconds N         N 秒后停止（否则按 Ctrl+C 或 SIGTERM 干净地停止）
  -C, --count N       收到 N 条消息后停止
replay（回放）
  -f, --file FILE     要回放的录制文件（被录制的客户端收到的消息）
  --speed N|max       按 N 倍缩放录制时的时间间隔（0.1 到 100，默认 1），或尽可能快
  --loop              到末尾后重新开始，直到按 Ctrl+C
  --filter FILTER     只回放主题与之匹配的录制消息
  --direction in|out|both   发送哪些录制消息（默认 in）
  --topic-prefix FROM=TO | --topic-regex PATTERN=REPLACEMENT   改写主题
  -q QOS, -r | --no-retain    覆盖录制的 QoS 和保留标志
compare（比较）
  --match-field PATH  按此 JSON 字段（例如 seq）而不是按顺序配对同一主题上的消息
  --gap-ms N          报告与上一对相比间隔变化超过 N ms 的消息对
  --direction in|out|both   比较哪些录制消息（默认 in）
  --max-missing N, --max-extra N, --max-changed N, --max-timing N   容许的差异数（默认 0）
simulate（模拟器）    N 个模拟设备，各用自己的 MQTT 连接，直到按 Ctrl+C、--duration 或 --count
  --devices N         1 到 1,000（默认 1）                --interval MS    同一设备两次发送的间隔（默认 1000，最小 10）
  -t TOPIC, -m PAYLOAD  模板：'{{device}}（从 1 开始）、{{seq}}、{{now}}、{{random 20 30}}、{{walk 21 0.2}}、{{pick "a" "b"}}'…
  --client-id ID      客户端 ID 模式（默认 mqtt-lab-dev-'{{device}}'）   -q QOS   数据消息的 QoS
  --ramp N            每秒连接 N 个设备（默认一次全部连接）
  -C, --count N       每个设备发送 N 条消息后停止                --duration S   S 秒后停止
  --will-topic T --will-message M     每个设备的遗嘱消息     --birth-topic T --birth-message M   一条保留的上线（birth）消息
  --sparkplug GROUP/EDGE   Sparkplug B 边缘节点（EDGE 为模式，例如 edge-'{{device}}'）：先 NBIRTH，再按别名发送 -m 的 JSON 字段作为 NDATA
broker（Broker）      应用的内置 Broker，无界面运行；打印其监听地址和日志，直到按 Ctrl+C 或 SIGTERM
  -p PORT             基于 TCP 的 MQTT（默认 1883）       --host ADDRESS   监听地址（默认 127.0.0.1；0.0.0.0 表示全部）
  --ws PORT           同时提供基于 WebSocket 的 MQTT      --tls-port PORT  同时提供基于 TLS 的 MQTT（默认 8883），需要
  --cert FILE, --key FILE   服务器证书及其私钥（PEM）
  -u USER:PASSWORD    只允许这些用户连接（重复 -u 可添加多个）；不带 -u 时任何人都可连接
  --data-dir DIR      从应用保存在 DIR（Web 模式的数据文件夹）中的 Broker 设置启动；命令行参数优先
  --json              每行日志输出为一个 JSON 对象
--json                输出一个 JSON 对象作为结果（stdout 不是终端时的默认行为）

退出码：0 干净地完成（replay：每条消息都已发送并确认；compare：在容差范围内相同），
1 无法连接、写入或投递（compare：两者不同），2 命令行有误
（broker：也包括无法启动的设置，例如端口已被占用或 TLS 私钥与证书不匹配）。`,
  'cli.unknownCommand': '未知命令“{command}”。此版本支持：record、replay、compare、pub、sub、simulate、broker。',
  'cli.failed': 'mqtt-lab：{error}',
  'cli.signal.interrupted': '已中断',
  'cli.signal.terminated': '已终止',
  'cli.signal.exitNow': 'mqtt-lab：{what}时{why}；立即退出。',
  'cli.signal.whileStopping': '停止',
  'cli.signal.whileStoppingBroker': '停止 Broker',
  'cli.signal.whileDisconnectingDevices': '断开设备连接',
  'cli.signal.whileClosingConnection': '关闭连接',
  'cli.signal.whileConnecting': '连接时{why}',
  'cli.close.late': 'mqtt-lab：连接未在 {seconds} 秒内关闭；仍然退出。',
  'cli.close.failed': 'mqtt-lab：关闭失败：{error}',
  'cli.nothingToWaitFor': 'mqtt-lab：已停止，没有任何可等待的内容（没有连接、计时器或信号能结束该命令）。',
  'cli.args.unknownOption': '未知选项 {flag}。',
  'cli.args.needsValue': '{flag} 需要一个值。',
  'cli.args.unreadable': '无法读取 {path}（{code}）。',
  'cli.args.integer': '{flag} 需要 {min} 到 {max} 之间的整数，而不是“{text}”。',
  'cli.args.protocolVersion': '-V 的取值为 mqttv31、mqttv311 或 mqttv5，而不是“{text}”。',
  'cli.args.direction': '--direction 的取值为 in、out 或 both，而不是“{text}”。',
  'cli.args.pair': '{flag} 的格式为 FROM=TO，而不是“{text}”。',
  'cli.connect.failed': '无法连接：{reason}',
  'cli.connect.failedTo': '无法连接到 {address}：{reason}',
  'cli.connect.noReason': '未给出原因',
  'cli.stop.secondsPassed': '已过 {seconds} 秒',
  'cli.record.needTopic': '请用 -t 指定至少一个主题过滤器，例如 -t "sensors/#"。',
  'cli.record.needOutput': '请用 -o 指定录制文件，例如 -o run.mqttrec.jsonl。',
  'cli.record.recording': '正在录制 {topics}，来自 {address}，写入 {path}。按 Ctrl+C 停止。',
  'cli.record.progress': '{seconds} 秒 · {messages} 条消息 · {megabytes} MB',
  'cli.record.countReached': '已录制 {count} 条消息',
  'cli.record.stopped': '已停止（{why}）：{messages} 条消息、{packets} 个报文，保存在 {path}',
  'cli.replay.speed': '--speed 的取值为 0.1 到 100 之间的倍数或 max，而不是“{text}”。',
  'cli.replay.needFile': '请用 -f 指定要回放的录制文件，例如 -f run.mqttrec.jsonl。',
  'cli.replay.invalidOptions': '回放选项无效。',
  'cli.replay.progress': '已发送 {sent} / {total} · 已确认 {acked} · 失败 {failed}{pass}',
  'cli.replay.pass': ' · 第 {pass} 轮',
  'cli.replay.starting': '正在回放 {total} 条消息，来自 {path}，发往 {address}…',
  'cli.replay.replayed': '回放完成',
  'cli.replay.stopped': '已停止',
  'cli.replay.result': '{state}：已发送 {sent}，已确认 {acked}，失败 {failed}{queued}{timing}{failures}',
  'cli.replay.queued': '，连接断开期间排队 {queued} 条',
  'cli.replay.timing': '；时间误差中位数 {median} ms，p99 {p99} ms，最大 {max} ms',
  'cli.replay.failure': '{count} × {reason}',
  'cli.compare.count': '{flag} 需要 0 或更大的整数，而不是“{text}”。',
  'cli.compare.needTwo': '请指定两个要比较的录制文件：mqtt-lab compare A.mqttrec.jsonl B.mqttrec.jsonl',
  'cli.compare.reading': '正在读取 {path}…',
  'cli.compare.same': '在容差范围内相同',
  'cli.compare.differ': '两个录制文件不同',
  'cli.compare.summary': '{verdict}：{pairs} 对，B 中缺少 {missing} 条，B 中多出 {extra} 条，{changed} 条载荷有变化，{timing} 个间隔有偏移。',
  'cli.compare.topic': '{topic}：A 中 {a} 条，B 中 {b} 条',
  'cli.compare.missing': '缺少：A#{id} {topic}',
  'cli.compare.extra': '多出：B#{id} {topic}',
  'cli.compare.changed': '有变化：A#{a} ≠ B#{b} {topic}',
  'cli.compare.timing': '时间：{topic} A#{a} 间隔 {intervalA} ms，B#{b} 间隔 {intervalB} ms',
  'cli.compare.note': '注意：{path}：{cut}',
  'cli.pub.needTopic': '请用 -t 指定主题。',
  'cli.pub.onePayload': '请只指定一个载荷：-m TEXT、-f FILE、-n（空）或 -s（标准输入）。',
  'cli.pub.tooLarge': '未发送：该 PUBLISH 报文为 {size} 字节，超过了 Broker 接受的 {limit} 字节（CONNACK 中的最大报文大小；MQTT-3.2.2-15）',
  'cli.pub.stoppedBeforeAck': 'Broker 确认该消息之前{why}',
  'cli.pub.acked': '已在 {ms} ms 后以 {ack} 确认',
  'cli.pub.sentQos0': '已以 QoS 0 发送',
  'cli.pub.connectionEndedAfter': '{error}；连接已结束：{status}',
  'cli.sub.needTopic': '请用 -t 指定至少一个主题过滤器。',
  'cli.sub.connectionEnded': '连接已结束：{status}',
  'cli.sub.countReached': '已收到 {count} 条消息',
  'cli.sub.subscriptionFailed': '订阅 {filter} 失败：{reason}',
  'cli.sub.couldNotSubscribe': '无法订阅 {filter}：{error}',
  'cli.sub.stopped': 'mqtt-lab sub：已停止（{why}）；收到 {count, plural, other {# 条消息}}。',
  'cli.simulate.sparkplug': '--sparkplug 的格式为 GROUP/EDGE（EDGE 为模式，例如 {example}），而不是“{text}”。',
  'cli.simulate.willNeedsTopic': '--will-message 需要同时指定 --will-topic。',
  'cli.simulate.birthNeedsTopic': '--birth-message 需要同时指定 --birth-topic。',
  'cli.simulate.needTopic': '请用 -t 指定主题模式（例如 {example}），或使用 --sparkplug GROUP/EDGE。',
  'cli.simulate.needPayload': '请用 -m 指定载荷模板（例如 {example}）。',
  'cli.simulate.status': '{seconds} 秒 · 已连接 {connected}/{devices}{problems} · 已发送 {sent} · {rate} 条/秒{topError}',
  'cli.simulate.problems': ' · 失败 {failed} · 重连中 {reconnecting}',
  'cli.simulate.topError': ' · {count}× {reason}',
  'cli.simulate.allSent': '每个设备都已发送 {count} 条消息',
  'cli.simulate.stopped': '已停止（{why}）：{connected}/{devices} 个设备曾连接，已发送 {sent} 条消息，{notSent} 条未发送，用时 {seconds} 秒。{errors}',
  'cli.simulate.error': '{count}×（{devices} 个设备）{reason}',
  'cli.broker.ready': '已就绪。按 Ctrl+C 或发送 SIGTERM 停止 Broker。',
  'cli.broker.failed': 'mqtt-lab broker：{error}',
  'cli.broker.stopped': '已停止（{why}），运行 {seconds} 秒：接受 {connections, plural, other {# 个连接}}，拒绝 {refused} 个，停止时关闭 {clients, plural, other {# 个客户端}}；经过 Broker 的报文 {packets, plural, other {# 个}}。',
  'cli.broker.tlsNeedsBoth': 'TLS 监听需要同时指定 --cert FILE（服务器证书）和 --key FILE（其私钥）。',
  'cli.broker.invalidSettings': 'Broker 设置无效。',
  'cli.broker.userPassword': '{flag} 的格式为 USER:PASSWORD，例如 {flag} alice:secret，而不是“{text}”。',
  'cli.broker.noUserName': '{flag} “{text}” 在冒号前没有用户名。',
  'cli.broker.tlsCertUnreadable': '无法读取 TLS 证书文件 {path}（{code}）。',
  'cli.broker.tlsKeyUnreadable': '无法读取 TLS 私钥文件 {path}（{code}）。',
};
