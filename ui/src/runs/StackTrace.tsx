import { frames } from './runState'

/** A Python stack trace; frames in the project's own files open in the code editor. */
export function StackTrace({ stack, projectRoot, onOpen }: { stack: string; projectRoot: string; onOpen: (path: string, line: number) => void }) {
  return (
    <pre className="log stack-trace">
      {frames(stack, projectRoot).map((frame, index) =>
        frame.path ? (
          <button
            key={index}
            className="stack-frame own"
            title={`Open ${frame.path} at line ${frame.line}`}
            onClick={() => onOpen(frame.path!, frame.line!)}
          >
            {frame.text}
          </button>
        ) : (
          <span key={index} className="stack-frame">
            {frame.text}
          </span>
        ),
      )}
    </pre>
  )
}
