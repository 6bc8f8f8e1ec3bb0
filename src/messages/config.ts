import { defineMessages } from './define';

/** The environment variables the hub is started with (src/config): refused at start, before anything runs. */
export const configMessages = defineMessages({
  CONFIG_INVALID: {
    'zh-CN': (p: { detail: string }) => `配置错误：${p.detail}`,
    en: (p) => `Invalid configuration: ${p.detail}`,
    example: { detail: 'PORT' },
  },
  CONFIG_NOT_WHOLE_NUMBER: {
    'zh-CN': (p: { name: string; got: string }) => `${p.name} 须为整数，实际为 “${p.got}”`,
    en: (p) => `${p.name} must be a whole number, got "${p.got}"`,
    example: { name: 'PORT', got: 'abc' },
  },
  CONFIG_OUT_OF_RANGE: {
    'zh-CN': (p: { name: string; min: number; max: number; got: number }) => `${p.name} 须在 ${p.min} 至 ${p.max} 之间，实际为 ${p.got}`,
    en: (p) => `${p.name} must be between ${p.min} and ${p.max}, got ${p.got}`,
    example: { name: 'PORT', min: 1, max: 65535, got: 70000 },
  },
  CONFIG_NOT_ONE_OF: {
    'zh-CN': (p: { name: string; allowed: string[]; got: string }) => `${p.name} 须为 ${p.allowed.join('、')} 之一，实际为 “${p.got}”`,
    en: (p) => `${p.name} must be one of ${p.allowed.join(', ')}, got "${p.got}"`,
    example: { name: 'NODE_ENV', allowed: ['development', 'production', 'test'], got: 'prod' },
  },
  CONFIG_NOT_BOOLEAN: {
    'zh-CN': (p: { name: string; got: string }) => `${p.name} 须为 true 或 false，实际为 “${p.got}”`,
    en: (p) => `${p.name} must be true or false, got "${p.got}"`,
    example: { name: 'GRAPHQL_INTROSPECTION', got: 'yes' },
  },
  CONFIG_DATABASE_READ_URL: {
    'zh-CN': (p: { got: string }) => `DATABASE_READ_URL 须以 postgres:// 或 postgresql:// 开头，且须同时设置 DATABASE_URL（写入的主库），实际为 “${p.got}”`,
    en: (p) => `DATABASE_READ_URL must start with postgres:// or postgresql:// and needs DATABASE_URL (the primary that takes the writes) set too, got "${p.got}"`,
    example: { got: 'replica.internal:5432/junheng' },
  },
  CONFIG_DATABASE_URL: {
    'zh-CN': (p: { got: string }) => `DATABASE_URL 须以 postgres:// 或 postgresql:// 开头，实际为 “${p.got}”`,
    en: (p) => `DATABASE_URL must start with postgres:// or postgresql://, got "${p.got}"`,
    example: { got: 'mysql://localhost/test' },
  },
  CONFIG_PUBLIC_KEY: {
    'zh-CN': () => 'JWT_PUBLIC_KEY 须为 PEM 格式的公钥',
    en: () => 'JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)',
    example: {},
  },
  CONFIG_SECRET_TOO_SHORT: {
    'zh-CN': () => 'JWT_SECRET 至少须有 32 个字符',
    en: () => 'JWT_SECRET must be at least 32 characters',
    example: {},
  },
  CONFIG_PRODUCTION_NEEDS_KEY: {
    'zh-CN': () => 'NODE_ENV=production 时须设置 JWT_SECRET 或 JWT_PUBLIC_KEY（不接受开发用密钥）',
    en: () => 'NODE_ENV=production needs JWT_SECRET or JWT_PUBLIC_KEY (the development secret is refused)',
    example: {},
  },
  CONFIG_PRODUCTION_DEVELOPMENT_SECRET: {
    'zh-CN': () => 'JWT_SECRET 是公开的开发用密钥，NODE_ENV=production 时不接受',
    en: () => 'JWT_SECRET is the development secret, refused under NODE_ENV=production',
    example: {},
  },
  CONFIG_HOST: {
    'zh-CN': (p: { got: string }) => `HOST 须为 IP 地址或主机名，实际为 “${p.got}”`,
    en: (p) => `HOST must be an IP address or a host name, got "${p.got}"`,
    example: { got: 'a b' },
  },
  CONFIG_CORS_ANY_IN_PRODUCTION: {
    'zh-CN': () => 'NODE_ENV=production 时不接受 CORS_ORIGINS=*：请逐个列出允许的来源',
    en: () => 'CORS_ORIGINS=* is refused under NODE_ENV=production: list the exact origins',
    example: {},
  },
  CONFIG_CORS_NOT_ORIGIN: {
    'zh-CN': (p: { origin: string }) => `CORS_ORIGINS 中的 “${p.origin}” 不是来源（应为 scheme://host[:port]，不带路径，例如 http://dashboard:3000）`,
    en: (p) => `CORS_ORIGINS: "${p.origin}" must be scheme://host[:port] with no path, e.g. http://dashboard:3000`,
    example: { origin: 'dashboard' },
  },
});
