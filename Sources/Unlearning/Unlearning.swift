// Placeholder: filled by the linear-setting issue.
import Exact
import Bounds
