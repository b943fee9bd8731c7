// Small presentational pieces shared by every screen.
import type { ReactNode } from 'react'
import { classes } from './names'

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden />
      {label && <span className="muted">{label}</span>}
    </span>
  )
}

export function Badge({ children, tone = 'default', title, className }: { children: ReactNode; tone?: string; title?: string; className?: string }) {
  return (
    <span className={classes('badge', `badge-${tone}`, className)} title={title}>
      {children}
    </span>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>
}
