// WCAG 2 contrast of the themes' colors, read from the variables global.css defines. Pure.

type Rgba = [number, number, number, number]

/** "#abc", "#aabbcc" or "#aabbccdd" as 0-255 channels and an alpha of 0-1. */
export function parseHex(hex: string): Rgba {
  const digits = hex.trim().replace(/^#/, '')
  const full = digits.length <= 4 ? [...digits].map((d) => d + d).join('') : digits
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(full)) throw new Error(`not a hex color: ${hex}`)
  const channel = (i: number) => parseInt(full.slice(i, i + 2), 16)
  return [channel(0), channel(2), channel(4), full.length === 8 ? channel(6) / 255 : 1]
}

/** A translucent color over an opaque one, as it is seen. */
function over(top: Rgba, below: Rgba): Rgba {
  const [r, g, b, a] = top
  return [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a), 1]
}

function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** The contrast ratio of a foreground over a background (1 to 21). */
export function contrast(foreground: string, background: string): number {
  const back = parseHex(background)
  const front = over(parseHex(foreground), back)
  const [light, dark] = [luminance(front), luminance(back)].sort((a, b) => b - a)
  return (light + 0.05) / (dark + 0.05)
}

/** The custom properties of the first rule whose selector is exactly `selector`. */
export function themeVariables(css: string, selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const rule = new RegExp(`(^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css)
  if (!rule) throw new Error(`no rule for ${selector}`)
  const variables: Record<string, string> = {}
  for (const [, name, value] of rule[2].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) variables[name] = value.trim()
  return variables
}
