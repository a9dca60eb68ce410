import { render } from 'preact';

function App() {
  return (
    <main>
      <h1>Steno</h1>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
