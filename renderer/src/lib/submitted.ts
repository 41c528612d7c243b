// A form's submit handler: the page stays put (no navigation) and `action` runs instead.
export function submitted(action: () => unknown): (event: SubmitEvent) => void {
  return (event) => {
    event.preventDefault();
    void action();
  };
}
