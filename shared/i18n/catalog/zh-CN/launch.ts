import type { launch as en } from '../en/launch';

export const launch: Record<keyof typeof en, string> = {
  'launch.web.failed': 'MQTT Lab 无法启动网页模式：{reason}',
  'launch.web.portInUse': '127.0.0.1 上的端口 {port} 已被占用；请用 --port N 换一个端口',
  'launch.web.running': 'MQTT Lab {version} 正以网页模式运行。',
  'launch.web.open': '打开 {url}',
  'launch.web.dataDir': '连接配置保存在 {dir}',
  'launch.web.localOnly': '只有本机（127.0.0.1）能连接，而且必须带上该网址中的令牌。按 Ctrl+C 停止。',
  'launch.desktop.notStarted': '无法启动 Electron：{detail}',
  'launch.desktop.exited': 'Electron 在窗口打开前退出了（{how}）。',
  'launch.desktop.exitedWith': 'Electron 在窗口打开前退出了（{how}）：{detail}',
  'launch.desktop.exitCode': '退出码 {code}',
  'launch.desktop.couldNotOpen': '无法打开桌面窗口：{reason}',
  'launch.desktop.fallingBack': '改为启动网页模式。',
  'launch.args.unknown': '未知选项“{option}”。',
  'launch.args.port': '--port 需要 0 到 65535 之间的整数，而不是“{value}”。',
  'launch.args.dataDir': '--data-dir 需要一个文件夹，例如 --data-dir ~/mqtt-lab-data。',
  'launch.usage':
    '用法：npm start -- [--web] [--port N] [--data-dir DIR]\n\n  --web           在 http://127.0.0.1 上提供界面，而不是打开桌面窗口\n  --port N        网页模式的端口（默认：启动时自动选一个空闲端口）\n  --data-dir DIR  把连接配置保存在 DIR（默认：Linux 上为 $XDG_CONFIG_HOME/mqtt-lab 或 ~/.config/mqtt-lab；\n                  其他系统为桌面应用自己的数据文件夹）\n  --help          显示本帮助',
};
